/**
 * Telnyx webhooks (API v2), messaging and Call Control on one URL. The
 * account is found from the event's own numbers and ids, and the Ed25519
 * signature over `${telnyx-timestamp}|${raw body}` is checked against that
 * account's public key (telnyx public_key), else TELNYX_PUBLIC_KEY; a timestamp
 * more than 300 s from our clock is refused. Only signed data is used: the
 * touch comes from the message id, the message's webhook_url or the call's
 * client_state, never from this request's query string.
 * Duplicate and out-of-order deliveries are safe: each event becomes one
 * receipt (public.receive_webhook), which the worker's drain applies once, and
 * the SQL only moves a message or call forward.
 *
 * Call hang-up causes, mapped to ingest_call_status:
 *   normal_clearing → completed (the call was answered and ended normally);
 *   user_busy, call_rejected → busy;  timeout, no_answer → no_answer;
 *   originator_cancel → canceled (we hung up before an answer);  anything else → failed.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { normalizePhone } from '../../lib/phone.ts';
import { readBody } from '../body.ts';
import { webhookKeys, type AccountHints } from '../domain/webhook-keys.ts';
import type { InboundDeps } from '../inbound-config.ts';
import { telnyxPublicKeyFromBase64, verifyTelnyx } from '../signatures.ts';
import {
  issuesOf,
  logAccepted,
  logIgnored,
  parseJsonBody,
  parseTime,
  receive,
  reject,
  UNKNOWN_ACCOUNT_REASON,
  uuid,
  type Receipt,
} from './common.ts';

const ROUTE = '/webhooks/telnyx';

const address = z.string().transform((value, ctx) => {
  const n = normalizePhone(value);
  if (!n.ok) {
    ctx.addIssue({ code: 'custom', message: `not a phone number (${n.reason})` });
    return z.NEVER;
  }
  return n.e164;
});

const id = z.string().min(1).max(200);

const Envelope = z.object({
  data: z.object({
    id,
    event_type: z.string().min(1).max(100),
    occurred_at: z.string().optional(),
    payload: z.record(z.string(), z.unknown()),
  }),
});

const MessageReceived = z.object({
  id,
  from: z.object({ phone_number: address }),
  to: z.array(z.object({ phone_number: address })).min(1),
  text: z.string().max(20_000).nullable().optional(),
  received_at: z.string().optional(),
});

const MessageStatus = z.object({
  id,
  to: z.array(z.object({ status: z.string().min(1).max(60) })).min(1),
  /** Becomes the touch our driver put on the URL it gave Telnyx (signed with the rest), or null. */
  webhook_url: z.unknown().optional().transform((v) => signedUrlTouch(v)),
  errors: z.array(z.object({ code: z.union([z.string(), z.number()]).optional() }).passthrough()).optional(),
});

/** client_state: base64 of JSON {touch_run_id, send_key} set by our dialer; anything else counts as absent. */
function clientStateTouch(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
    const parsed = z.object({ touch_run_id: uuid }).safeParse(decoded);
    return parsed.success ? parsed.data.touch_run_id : null;
  } catch {
    return null;
  }
}

/**
 * The touch_run_id our driver put in the webhook_url it gave Telnyx for a
 * message, read from the message's own (signed) webhook_url field. The query
 * string of the request itself is not signed and is never read.
 */
function signedUrlTouch(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const touch = new URL(value).searchParams.get('touch_run_id');
    return touch && uuid.safeParse(touch).success ? touch : null;
  } catch {
    return null;
  }
}

const clientState = z.unknown().optional().transform((v) => clientStateTouch(v));

const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
/** Telnyx writes a number as `{phone_number}` in messages and as a string in calls. */
const number = (v: unknown): string | null => {
  const raw = typeof v === 'string' ? v : text(record(v).phone_number);
  const n = raw ? normalizePhone(raw) : null;
  return n?.ok ? n.e164 : null;
};

/**
 * What names the account, read from the body before it is verified (nothing
 * here is trusted until the account's key has verified it): an inbound message
 * by the number it was sent to, as its ingestion routes it; a message status by
 * its message id and the touch in its webhook_url, else our number; a call by
 * its call_control_id and the touch in its client_state, else our number.
 */
function accountHints(rawBody: string): AccountHints {
  const body = parseJsonBody(rawBody);
  if (!body.ok) return {};
  const data = record(record(body.value).data);
  const payload = record(data.payload);
  const eventType = text(data.event_type) ?? '';
  if (eventType === 'message.received') {
    return { address: number(Array.isArray(payload.to) ? payload.to[0] : null) };
  }
  if (eventType.startsWith('call.')) {
    return { touchRunId: clientStateTouch(payload.client_state), providerMessageId: text(payload.call_control_id), address: number(payload.from) };
  }
  return { touchRunId: signedUrlTouch(payload.webhook_url), providerMessageId: text(payload.id), address: number(payload.from) };
}

const CallEvent = z.object({
  call_control_id: id,
  client_state: clientState,
  hangup_cause: z.string().max(100).optional(),
  start_time: z.string().optional(),
  end_time: z.string().optional(),
});

/** payload.to[0].status of message.sent / message.finalized. */
export const TELNYX_MESSAGE_STATUS: Readonly<Record<string, 'sent' | 'delivered' | 'failed'>> = {
  queued: 'sent',
  sending: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  sending_failed: 'failed',
  delivery_failed: 'failed',
  delivery_unconfirmed: 'failed',
};

export const TELNYX_HANGUP_STATUS: Readonly<Record<string, string>> = {
  normal_clearing: 'completed',
  user_busy: 'busy',
  call_rejected: 'busy',
  timeout: 'no_answer',
  no_answer: 'no_answer',
  originator_cancel: 'canceled',
};

function callStatus(eventType: string, hangupCause: string | undefined): string | null {
  if (eventType === 'call.initiated') return 'initiated';
  if (eventType === 'call.answered') return 'answered';
  if (eventType === 'call.hangup') return TELNYX_HANGUP_STATUS[hangupCause ?? ''] ?? 'failed';
  return null;
}

export function telnyxRoutes(deps: InboundDeps): Hono {
  const app = new Hono();
  const keys = webhookKeys({ ingestSql: deps.ingestSql, keyRing: deps.keyRing });

  /**
   * One event, verified and written. `fresh`: look the account up again, after a key from a
   * cached lookup did not verify the request or its receipt came back stale (the cached
   * lookup no longer held when it was written).
   */
  async function handle(c: Context, fresh: boolean): Promise<Response> {
    const signature = c.req.header('telnyx-signature-ed25519');
    const timestamp = c.req.header('telnyx-timestamp');
    const rawBody = await readBody(c);
    const choice = await keys.choose(
      'telnyx',
      accountHints(rawBody),
      (credentials) => (credentials.public_key ? telnyxPublicKeyFromBase64(credentials.public_key) : undefined),
      () => deps.config.telnyxPublicKey,
      { cache: true, fresh },
    );
    if (!choice.ok) return reject(c, 'telnyx', ROUTE, choice.status, choice.reason);
    if (!signature || !timestamp) return reject(c, 'telnyx', ROUTE, 400, 'missing_signature');
    const verdict = verifyTelnyx({
      publicKey: choice.key,
      signature,
      timestamp,
      rawBody,
      nowSeconds: deps.config.nowSeconds(),
      toleranceSeconds: deps.config.toleranceSeconds,
    });
    if (!verdict.ok) return choice.route ? handle(c, true) : reject(c, 'telnyx', ROUTE, verdict.status, verdict.reason);

    const body = parseJsonBody(rawBody);
    if (!body.ok) return reject(c, 'telnyx', ROUTE, 400, 'invalid_body', { issues: [body.issue] });
    const envelope = Envelope.safeParse(body.value);
    if (!envelope.success) return reject(c, 'telnyx', ROUTE, 400, 'invalid_body', { issues: issuesOf(envelope.error) });
    const { data } = envelope.data;
    const occurredAt = parseTime(data.occurred_at);
    const invalid = (error: z.ZodError) =>
      reject(c, 'telnyx', ROUTE, 400, 'invalid_body', {
        issues: issuesOf(error).map((i) => ({ ...i, path: `data.payload.${i.path}` })),
      });

    const accountId = choice.account.accountId;
    const raw = body.value as Record<string, unknown>;
    let receipt: Omit<Receipt, 'accountId'>;
    let eventId = data.id;
    if (data.event_type === 'message.received') {
      const parsed = MessageReceived.safeParse(data.payload);
      if (!parsed.success) return invalid(parsed.error);
      const m = parsed.data;
      eventId = m.id;
      const receivedAt = parseTime(m.received_at) ?? occurredAt;
      receipt = {
        provider: 'telnyx', idempotencyKey: `message:${m.id}`, eventType: 'inbound_sms', kind: 'inbound_message',
        orderingKey: `phone:${m.from.phone_number}`, nulFields: body.nulFields,
        payload: { provider: 'telnyx', event_id: m.id, channel: 'sms', from: m.from.phone_number, to: m.to[0]!.phone_number,
                   body: m.text ?? '', received_at: receivedAt, nul_replaced_fields: body.nulFields, raw },
      };
    } else if (data.event_type === 'message.sent' || data.event_type === 'message.finalized') {
      const parsed = MessageStatus.safeParse(data.payload);
      if (!parsed.success) return invalid(parsed.error);
      const rawStatus = parsed.data.to[0]!.status;
      const status = TELNYX_MESSAGE_STATUS[rawStatus];
      if (!status) {
        logIgnored('telnyx', ROUTE, `${data.event_type}:${rawStatus}`);
        return c.json({ ok: true, ignored: true });
      }
      const code = parsed.data.errors?.[0]?.code;
      receipt = {
        provider: 'telnyx', idempotencyKey: data.id, eventType: `status:${status}`, kind: 'message_status',
        orderingKey: `message:telnyx:${parsed.data.id}`, nulFields: body.nulFields,
        payload: { provider: 'telnyx', event_id: data.id, provider_message_id: parsed.data.id, touch_run_id: parsed.data.webhook_url,
                   status, raw_status: rawStatus, error_code: code === undefined ? null : String(code), occurred_at: occurredAt, raw },
      };
    } else if (data.event_type === 'call.initiated' || data.event_type === 'call.answered' || data.event_type === 'call.hangup') {
      const parsed = CallEvent.safeParse(data.payload);
      if (!parsed.success) return invalid(parsed.error);
      const call = parsed.data;
      const status = callStatus(data.event_type, call.hangup_cause)!;
      const start = parseTime(call.start_time);
      const end = parseTime(call.end_time);
      const duration = status === 'completed' && start && end && end >= start ? Math.round((end.getTime() - start.getTime()) / 1000) : null;
      receipt = {
        provider: 'telnyx', idempotencyKey: data.id, eventType: `call:${status}`, kind: 'call_status',
        orderingKey: `message:telnyx:${call.call_control_id}`, nulFields: body.nulFields,
        payload: { provider: 'telnyx', event_id: data.id, call_id: call.call_control_id, touch_run_id: call.client_state, status,
                   duration_seconds: duration, occurred_at: occurredAt, raw },
      };
    } else {
      logIgnored('telnyx', ROUTE, data.event_type);
      return c.json({ ok: true, ignored: true });
    }

    if (!accountId) return reject(c, 'telnyx', ROUTE, 404, UNKNOWN_ACCOUNT_REASON[receipt.kind]);
    const outcome = await receive(deps.ingestSql, { ...receipt, accountId, route: choice.route });
    if (outcome === 'stale') return handle(c, true);
    logAccepted('telnyx', ROUTE, { event: data.event_type, event_id: eventId, outcome });
    return c.json({ ok: true, outcome });
  }

  app.post('/', (c) => handle(c, false));

  return app;
}
