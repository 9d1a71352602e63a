/**
 * The contract between the dispatch task and provider drivers. A driver does
 * I/O only: it is handed a claimed, fully decided send and reports what the
 * provider said. It never decides whether to send.
 */

import { z } from 'zod';

export const CHANNELS = ['sms', 'whatsapp', 'voice', 'email'] as const;
export const PROVIDERS = ['sink', 'twilio', 'telnyx', 'elastic_email'] as const;
export type Channel = (typeof CHANNELS)[number];
export type ProviderName = (typeof PROVIDERS)[number];

/** brain.claim_touch writes snake_case keys; the contract reads camelCase. Top level only. */
export function camelKeys(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), v]),
  );
}

const absentWhenEmpty = z
  .string()
  .nullish()
  .transform((v) => v || undefined)
  .optional();

/**
 * One send as brain.claim_touch decides it (its `send` object, keys camelCased):
 * the one dispatch contract. dispatch_touch parses claim_touch's JSON with it
 * (ClaimedSendSchema below adds what only the task needs), and SendRequest is
 * inferred from it, so the SQL, the parser and the drivers cannot drift apart.
 */
export const SendRequestSchema = z.object({
  /** touch_runs.id; also carried to the provider so callbacks can be matched. */
  touchRunId: z.string().uuid(),
  /** outbound_messages.send_key: the idempotency key of this intent. */
  sendKey: z.string(),
  accountId: z.string().uuid(),
  leadId: z.string().uuid(),
  channel: z.enum(CHANNELS),
  /** Recipient: E.164 phone (leads.phone is the e164_phone domain), or email address for email. */
  to: z.string(),
  /**
   * Email: addresses copied (touch payload delivery.cc, e.g. the lead when an AI draft answers a
   * CC'd colleague); brain.claim_touch has checked each is the lead's own and not suppressed.
   */
  cc: z
    .array(z.string().max(320))
    .max(20)
    .nullish()
    .transform((v) => (v && v.length > 0 ? v : undefined))
    .optional(),
  /** Sender: E.164 number (sms, whatsapp, voice) or email address; empty when none (email default). */
  from: z
    .string()
    .nullable()
    .transform((v) => v ?? ''),
  /** Message text, or the call's opening script for voice. Never logged. */
  body: z.string(),
  subject: absentWhenEmpty,
  /** WhatsApp outside the 24-hour window: the approved template to send instead of free text. */
  templateName: absentWhenEmpty,
  templateVariables: z
    .record(z.string(), z.unknown())
    .transform((vars) => Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])))
    .optional(),
  /** True when the lead wrote to us on WhatsApp in the last 24 hours. */
  inCustomerServiceWindow: z.boolean().optional(),
  /** Provider-specific non-secret settings from account_provider_settings.config. */
  providerConfig: z.record(z.string(), z.unknown()),
  /** Email: one-click unsubscribe URL (RFC 8058 List-Unsubscribe); the worker signs it. */
  unsubscribeUrl: z.string().optional(),
  /**
   * Overrides where the provider posts status callbacks. Normally absent: each
   * driver builds its own from the public base URL it was given.
   */
  statusCallbackUrl: z.string().optional(),
  /** Voice: overrides the gateway media-stream URL the driver builds from its gateway URL. */
  voiceStreamUrl: z.string().optional(),
  /**
   * When this send was first handed to a driver (ISO 8601). lookup() searches
   * the provider from shortly before it; without it, the last 24 hours.
   */
  attemptedAt: z.string().optional(),
});

/** What claim_touch adds for the task itself: which driver, and the touch's place in its campaign. */
export const ClaimedSendSchema = SendRequestSchema.extend({
  provider: z.enum(PROVIDERS),
  campaignId: z.string().uuid().nullable(),
  step: z.number().int(),
  attempt: z.number().int(),
  persona: z.string(),
  country: z.string().nullable().optional(),
});

export type SendRequest = z.infer<typeof SendRequestSchema>;
export type ClaimedSend = z.infer<typeof ClaimedSendSchema>;

/**
 * The public addresses a driver builds its callback URLs from (read once at
 * start-up). A driver without them answers invalid_status_callback_url rather
 * than guessing.
 */
export interface DriverUrls {
  /** Public URL of the API: provider status callbacks land under /webhooks. */
  publicBaseUrl?: string;
  /** Public WebSocket URL of the voice gateway. */
  voiceGatewayUrl?: string;
  voiceGatewayToken?: string;
}

export type SendResult =
  /** emailMessageId: email only, the Message-ID header the driver gave the message (outbound_messages.email_message_id). */
  | { kind: 'accepted'; providerMessageId: string; providerStatus: string; emailMessageId?: string }
  /** The provider refused it for good (4xx, invalid number, ...): the touch fails, no retry. */
  | { kind: 'rejected'; errorCode: string; errorMessage: string }
  /** The request never reached the provider (connection refused, DNS): nothing was sent. */
  | { kind: 'not_sent'; errorCode: string; errorMessage: string }
  /** The provider may or may not have accepted it (5xx, reset or timeout after the request was sent). */
  | { kind: 'unknown'; errorCode: string; errorMessage: string; emailMessageId?: string };

export type LookupResult =
  | { kind: 'found'; providerMessageId: string; providerStatus: string }
  | { kind: 'not_found' }
  | { kind: 'unsupported' };

export interface Driver {
  readonly name: ProviderName;
  /** Channels this driver can send. */
  readonly channels: readonly Channel[];
  send(request: SendRequest): Promise<SendResult>;
  /**
   * Asks the provider whether a send whose outcome is unknown went out
   * (reconciliation after a crash or an ambiguous error). 'unsupported' when
   * the provider offers no way to tell.
   */
  lookup(request: SendRequest): Promise<LookupResult>;
}
