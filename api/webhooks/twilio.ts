/**
 * Twilio webhooks: inbound SMS / WhatsApp, message status callbacks and call
 * status callbacks. Each handler finds the account the request concerns (the
 * owner of the number an inbound message was sent to; the touch and SID of a
 * callback, else our number), verifies X-Twilio-Signature with that account's
 * own auth token (else TWILIO_AUTH_TOKEN) against the URL Twilio called
 * (PUBLIC_BASE_URL + path + the original query string, so it works behind a
 * proxy), parses the form with zod, writes one receipt as revenue_ingest
 * (public.receive_webhook; the worker's drain applies it) and answers at once.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { normalizePhone } from '../../lib/phone.ts';
import { webhookKeys, type AccountHints, type ReceiptRoute } from '../domain/webhook-keys.ts';
import { readBody } from '../body.ts';
import type { InboundDeps } from '../inbound-config.ts';
import { verifyTwilio } from '../signatures.ts';
import {
  formParams,
  issuesOf,
  logAccepted,
  logIgnored,
  rawPathAndQuery,
  receive,
  reject,
  replaceNuls,
  UNKNOWN_ACCOUNT_REASON,
  uuid,
} from './common.ts';

const EMPTY_TWIML = '<Response/>';

/** Twilio's own ids (SM…, MM…, CA…): letters and digits. */
const sid = z.string().regex(/^[A-Za-z0-9]{10,64}$/, 'must be a Twilio SID');

/** `+1…` or `whatsapp:+1…`, normalized to E.164. */
const address = z.string().transform((value, ctx) => {
  const n = normalizePhone(value);
  if (!n.ok) {
    ctx.addIssue({ code: 'custom', message: `not a phone number (${n.reason})` });
    return z.NEVER;
  }
  return n.e164;
});

/** Both numbers of an inbound message, normalized (built once, not per request). */
const Numbers = z.object({ From: address, To: address });

const InboundMessage = z.object({
  MessageSid: sid,
  From: z.string().min(1),
  To: z.string().min(1),
  Body: z.string().max(20_000).default(''),
});

const MessageStatus = z.object({
  MessageSid: sid,
  MessageStatus: z.string().min(1).max(40),
  ErrorCode: z.string().max(40).optional(),
});

const CallStatus = z.object({
  CallSid: sid,
  CallStatus: z.string().min(1).max(40),
  CallDuration: z
    .string()
    .regex(/^\d{1,7}$/, 'must be a whole number of seconds')
    .transform(Number)
    .optional(),
});

/** Our outbound sends put these on the callback URL (worker/drivers/common.ts callbackUrlFor). */
const CallbackQuery = z.object({ touch_run_id: uuid.optional(), send_key: z.string().optional() });

/** Twilio MessageStatus → ingest_message_status status; anything else is ignored. */
export const TWILIO_MESSAGE_STATUS: Readonly<Record<string, 'sent' | 'delivered' | 'failed'>> = {
  accepted: 'sent',
  queued: 'sent',
  sending: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

/** Twilio CallStatus → ingest_call_status status; anything else is ignored. */
export const TWILIO_CALL_STATUS: Readonly<Record<string, string>> = {
  queued: 'initiated',
  initiated: 'initiated',
  ringing: 'ringing',
  'in-progress': 'answered',
  completed: 'completed',
  busy: 'busy',
  'no-answer': 'no_answer',
  failed: 'failed',
  canceled: 'canceled',
};

interface Verified {
  params: Record<string, string | string[]>;
  query: Record<string, string | string[]>;
  /** The account the request concerns (null: none of ours; the environment's token verified it). */
  accountId: string | null;
  /** Set when the account came from a cached lookup (api/domain/webhook-keys.ts): the receipt re-checks it. */
  route: ReceiptRoute | null;
}

/** A form field as one string (Twilio never repeats the fields we read), or null. */
function one(params: Record<string, string | string[]>, name: string): string | null {
  const v = params[name];
  return typeof v === 'string' ? v : null;
}

/** Our number in E.164, from `+1…` or `whatsapp:+1…`; null when it is not a number. */
function ourNumber(value: string | null): string | null {
  if (!value) return null;
  const n = normalizePhone(value);
  return n.ok ? n.e164 : null;
}

/** Which fields name the account: inbound messages by the number they were sent to, callbacks by their touch and SID, then our number. */
type Hints = (params: Record<string, string | string[]>, query: Record<string, string | string[]>) => AccountHints;

const INBOUND_HINTS: Hints = (params) => ({ address: ourNumber(one(params, 'To')) });
const callbackHints = (sidField: 'MessageSid' | 'CallSid'): Hints => (params, query) => {
  const touch = one(query, 'touch_run_id');
  return {
    touchRunId: touch && uuid.safeParse(touch).success ? touch : null,
    providerMessageId: one(params, sidField),
    address: ourNumber(one(params, 'From')),
  };
};

export function twilioRoutes(deps: InboundDeps): Hono {
  const app = new Hono();
  const keys = webhookKeys({ ingestSql: deps.ingestSql, keyRing: deps.keyRing });

  /**
   * Signature first; the body is read once, raw, and parsed as the form Twilio
   * signed. The account the request concerns is found before, and its own auth
   * token verifies it (else TWILIO_AUTH_TOKEN); a request for an account with
   * stored credentials must also carry that account's AccountSid. A key from a
   * cached lookup that does not verify is not trusted to refuse: the account is
   * looked up afresh and the request checked once more.
   */
  async function verified(c: Context, route: string, hints: Hints, fresh = false): Promise<Verified | Response> {
    const signature = c.req.header('x-twilio-signature');
    const params = formParams(await readBody(c));
    const { path, query } = rawPathAndQuery(c.req.url);
    const queryParams = formParams(query.replace(/^\?/, ''));
    const choice = await keys.choose(
      'twilio',
      hints(params, queryParams),
      (credentials) => ({ token: credentials.auth_token, accountSid: credentials.account_sid as string | null }),
      () => (deps.config.twilioAuthToken ? { token: deps.config.twilioAuthToken, accountSid: null } : undefined),
      { cache: true, fresh },
    );
    if (!choice.ok) return reject(c, 'twilio', route, choice.status, choice.reason);
    if (!signature) return reject(c, 'twilio', route, 400, 'missing_signature');
    const verdict = verifyTwilio(choice.key.token, signature, deps.config.publicBaseUrl + path + query, params);
    if (!verdict.ok) return choice.route ? verified(c, route, hints, true) : reject(c, 'twilio', route, verdict.status, verdict.reason);
    if (choice.key.accountSid && one(params, 'AccountSid') !== choice.key.accountSid) {
      return choice.route ? verified(c, route, hints, true) : reject(c, 'twilio', route, 403, 'account_mismatch');
    }
    return { params, query: queryParams, accountId: choice.account.accountId, route: choice.route };
  }

  /** An inbound message, verified and written; `fresh` after a stale receipt (its cached account lookup no longer held). */
  async function inboundMessage(c: Context, fresh: boolean): Promise<Response> {
    const route = '/webhooks/twilio/messages';
    const v = await verified(c, route, INBOUND_HINTS, fresh);
    if (v instanceof Response) return v;
    const clean = replaceNuls(v.params);
    const parsed = InboundMessage.safeParse(clean.value);
    if (!parsed.success) return reject(c, 'twilio', route, 400, 'invalid_body', { issues: issuesOf(parsed.error) });
    const m = parsed.data;
    const channel = /^whatsapp:/i.test(m.From) || /^whatsapp:/i.test(m.To) ? 'whatsapp' : 'sms';
    const numbers = Numbers.safeParse({ From: m.From, To: m.To });
    if (!numbers.success) return reject(c, 'twilio', route, 400, 'invalid_body', { issues: issuesOf(numbers.error) });

    if (!v.accountId) return reject(c, 'twilio', route, 404, UNKNOWN_ACCOUNT_REASON.inbound_message);
    const outcome = await receive(deps.ingestSql, {
      accountId: v.accountId, provider: 'twilio', idempotencyKey: `message:${m.MessageSid}`, eventType: `inbound_${channel}`,
      kind: 'inbound_message', orderingKey: `phone:${numbers.data.From}`, nulFields: clean.nulFields, route: v.route,
      payload: { provider: 'twilio', event_id: m.MessageSid, channel, from: numbers.data.From, to: numbers.data.To, body: m.Body,
                 nul_replaced_fields: clean.nulFields, raw: clean.value },
    });
    if (outcome === 'stale') return inboundMessage(c, true);
    logAccepted('twilio', route, { event: `inbound_${channel}`, event_id: m.MessageSid, outcome });
    return c.body(EMPTY_TWIML, 200, { 'content-type': 'text/xml; charset=utf-8' });
  }

  app.post('/messages', (c) => inboundMessage(c, false));

  app.post('/status', async (c) => {
    const route = '/webhooks/twilio/status';
    const v = await verified(c, route, callbackHints('MessageSid'));
    if (v instanceof Response) return v;
    const parsed = MessageStatus.safeParse(replaceNuls(v.params).value);
    const query = CallbackQuery.safeParse(v.query);
    if (!parsed.success) return reject(c, 'twilio', route, 400, 'invalid_body', { issues: issuesOf(parsed.error) });
    if (!query.success) return reject(c, 'twilio', route, 400, 'invalid_body', { issues: issuesOf(query.error) });
    const { MessageSid: messageSid, MessageStatus: raw, ErrorCode: errorCode } = parsed.data;
    const status = TWILIO_MESSAGE_STATUS[raw.toLowerCase()];
    if (!status) {
      logIgnored('twilio', route, `message_${raw}`);
      return c.json({ ok: true, ignored: true });
    }
    const eventId = `${messageSid}:${raw}`;
    if (!v.accountId) return reject(c, 'twilio', route, 404, UNKNOWN_ACCOUNT_REASON.message_status);
    const outcome = await receive(deps.ingestSql, {
      accountId: v.accountId, provider: 'twilio', idempotencyKey: eventId, eventType: `status:${status}`,
      kind: 'message_status', orderingKey: `message:twilio:${messageSid}`, nulFields: [],
      payload: { provider: 'twilio', event_id: eventId, provider_message_id: messageSid, touch_run_id: query.data.touch_run_id ?? null,
                 status, raw_status: raw, error_code: errorCode ?? null, raw: replaceNuls(v.params).value },
    });
    logAccepted('twilio', route, { event: `message_${status}`, event_id: eventId, outcome });
    return c.json({ ok: true, outcome });
  });

  app.post('/voice', async (c) => {
    const route = '/webhooks/twilio/voice';
    const v = await verified(c, route, callbackHints('CallSid'));
    if (v instanceof Response) return v;
    const parsed = CallStatus.safeParse(replaceNuls(v.params).value);
    const query = CallbackQuery.safeParse(v.query);
    if (!parsed.success) return reject(c, 'twilio', route, 400, 'invalid_body', { issues: issuesOf(parsed.error) });
    if (!query.success) return reject(c, 'twilio', route, 400, 'invalid_body', { issues: issuesOf(query.error) });
    const { CallSid: callSid, CallStatus: raw, CallDuration: duration } = parsed.data;
    const status = TWILIO_CALL_STATUS[raw.toLowerCase()];
    if (!status) {
      logIgnored('twilio', route, `call_${raw}`);
      return c.json({ ok: true, ignored: true });
    }
    const eventId = `${callSid}:${raw}`;
    if (!v.accountId) return reject(c, 'twilio', route, 404, UNKNOWN_ACCOUNT_REASON.call_status);
    const outcome = await receive(deps.ingestSql, {
      accountId: v.accountId, provider: 'twilio', idempotencyKey: eventId, eventType: `call:${status}`,
      kind: 'call_status', orderingKey: `message:twilio:${callSid}`, nulFields: [],
      payload: { provider: 'twilio', event_id: eventId, call_id: callSid, touch_run_id: query.data.touch_run_id ?? null,
                 status, duration_seconds: duration ?? null, raw: replaceNuls(v.params).value },
    });
    logAccepted('twilio', route, { event: `call_${status}`, event_id: eventId, outcome });
    return c.json({ ok: true, outcome });
  });

  return app;
}
