/**
 * Phone lookups: Twilio Lookup v2 (line type intelligence, and line status: an inactive line is
 * disconnected) through the official SDK, and
 * libphonenumber's number type when no lookup can be made. The answers are passed on
 * as the sources name them; SQL maps them to the engine's line types (brain.phone_line_type).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import twilio from 'twilio';
import { RebasedRequestClient } from '../drivers/twilio.ts';

export type PhoneLookupResult =
  /** Twilio answered: valid, its line type and carrier, and the line status when it gave one. */
  | { kind: 'answer'; valid: boolean; type: string | null; carrier: string | null; lineStatus: string | null }
  /** 404: Twilio does not know the number as a phone number. */
  | { kind: 'not_found' }
  /** 401/403: the keys are refused; the integration is failing, fall back. */
  | { kind: 'refused'; code: string }
  /** 429, 5xx, a time-out or a network error: try again later. */
  | { kind: 'retry'; code: string };

export interface PhoneLookup {
  lookup(e164: string): Promise<PhoneLookupResult>;
}

export interface TwilioLookupOptions {
  accountSid: string;
  authToken: string;
  baseUrl: string;
  timeoutMs: number;
}

function httpStatus(error: unknown): number | null {
  if (!error || typeof error !== 'object' || (error as { isAxiosError?: unknown }).isAxiosError === true) return null;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 100 && status < 600 ? status : null;
}

/** What a failed Lookup call means for the lead: a status or a transport error's code. */
export function classifyLookupError(error: unknown): PhoneLookupResult {
  const status = httpStatus(error);
  if (status === 404) return { kind: 'not_found' };
  if (status === 401 || status === 403) return { kind: 'refused', code: `http_${status}` };
  if (status !== null) return { kind: 'retry', code: `http_${status}` };
  const code = (error as { code?: unknown })?.code;
  return { kind: 'retry', code: typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : 'network_error' };
}

export function createTwilioLookup(options: TwilioLookupOptions): PhoneLookup {
  const client = twilio(options.accountSid, options.authToken, {
    httpClient: new RebasedRequestClient(options.baseUrl, { timeout: options.timeoutMs }),
  });
  return {
    async lookup(e164) {
      try {
        const r = await client.lookups.v2.phoneNumbers(e164).fetch({ fields: 'line_type_intelligence,line_status' });
        return {
          kind: 'answer',
          valid: r.valid !== false,
          type: r.lineTypeIntelligence?.type ?? null,
          carrier: r.lineTypeIntelligence?.carrierName ?? null,
          lineStatus: r.lineStatus?.status ?? null,
        };
      } catch (error) {
        return classifyLookupError(error);
      }
    },
  };
}

/** libphonenumber's view of a number: whether it is valid, and its type (MOBILE, FIXED_LINE, …; null when it cannot tell). */
export function numberingPlanType(e164: string): { valid: boolean; type: string | null } {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed || !parsed.isValid()) return { valid: false, type: null };
  return { valid: true, type: parsed.getType() ?? null };
}
