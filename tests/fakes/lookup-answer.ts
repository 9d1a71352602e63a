/**
 * Twilio Lookup v2's answer for a number (GET /v2/PhoneNumbers/{number}?Fields=…), shared by
 * the fake Lookup API (twilio-lookup.ts) and the fake Twilio REST API (twilio.ts), which
 * answers lookups too when a test points every Twilio host at it (TWILIO_API_BASE_URL).
 */
import type { FakeResponse } from './server.ts';

export interface FakeLine {
  /** Twilio's line_type_intelligence.type: mobile, landline, fixedVoip, nonFixedVoip, tollFree, … */
  type?: string;
  carrier?: string;
  /** false: answered with valid false (and no line type). */
  valid?: boolean;
  /** true: answered 404 (Twilio does not know it as a phone number). */
  notFound?: boolean;
  /** line_status.status (active, inactive, unreachable), returned when Fields asks for line_status. */
  lineStatus?: string;
}

export const LOOKUP_PATH = /^\/v2\/PhoneNumbers\/([^/]+)$/;

/** Unconfigured numbers: a mobile at "Fake Wireless". */
export const DEFAULT_LINE: FakeLine = { type: 'mobile', carrier: 'Fake Wireless' };

export function lookupFields(query: Record<string, string | string[]>): string[] {
  const raw = query.Fields;
  return (Array.isArray(raw) ? raw.join(',') : raw ?? '').split(',').map((f) => f.trim()).filter(Boolean);
}

export function lookupAnswer(number: string, fields: string[], line: FakeLine): FakeResponse {
  if (line.notFound || !/^\+[1-9]\d{6,14}$/.test(number)) {
    return {
      status: 404,
      body: { code: 20404, message: `The requested resource /PhoneNumbers/${number} was not found`, more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 },
    };
  }
  const valid = line.valid !== false;
  const nanp = number.startsWith('+1');
  return {
    status: 200,
    body: {
      calling_country_code: nanp ? '1' : null,
      country_code: nanp ? 'US' : null,
      phone_number: number,
      national_format: number,
      valid,
      validation_errors: valid ? [] : ['INVALID_BUT_POSSIBLE'],
      caller_name: null,
      sim_swap: null,
      call_forwarding: null,
      line_status: fields.includes('line_status') && valid ? { status: line.lineStatus ?? 'active', error_code: null } : null,
      line_type_intelligence:
        fields.includes('line_type_intelligence') && valid
          ? { error_code: null, mobile_country_code: '310', mobile_network_code: '260', carrier_name: line.carrier ?? null, type: line.type ?? 'unknown' }
          : null,
      identity_match: null,
      reassigned_number: null,
      sms_pumping_risk: null,
      phone_number_quality_score: null,
      pre_fill: null,
      url: `https://lookups.twilio.com/v2/PhoneNumbers/${number}`,
    },
  };
}
