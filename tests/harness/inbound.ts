/**
 * Shared by the inbound storm test and bench/inbound.ts: request signers written
 * from the providers' published algorithms (not with our verifier, so a verifier
 * bug cannot hide behind a matching signer), and the two-account setup the
 * inbound routes need (persona numbers, provider settings, readiness).
 */
import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Hono } from 'hono';
import { createApp } from '../../api/app.ts';
import { loadInboundConfig, type InboundConfig } from '../../api/inbound-config.ts';
import type { Sql } from '../../db/client.ts';

/** Where the providers believe they call us: Twilio signs this URL. */
export const PUBLIC_BASE = 'https://hooks.example.com';
/** Where requests reach the app (as behind a proxy): not what Twilio signs. */
export const INTERNAL_BASE = 'http://10.0.0.7:3000';
export const TWILIO_TOKEN = 'twilio-auth-token-for-inbound-tests';
export const ELASTIC_SECRET = 'elastic-webhook-secret-for-inbound-tests';
export const BOOKING_SECRET = 'booking-webhook-secret-for-inbound-tests';
export const APP_SECRET = 'app-secret-for-inbound-tests-0123456789';

/** Account A (Twilio SMS/WhatsApp/voice, Elastic email) and account B (Telnyx SMS). */
export const NUMBERS = {
  A_SMS: '+13055550100',
  A_NUDGE: '+13055550101',
  A_WA: '+13055550102',
  B_SMS: '+12125550100',
} as const;

/** Twilio: base64 HMAC-SHA1 of the full URL followed by each POST param name+value, sorted by name. */
export function twilioSignature(url: string, params: Record<string, string>, token = TWILIO_TOKEN): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', token).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** Telnyx: Ed25519 over `${timestamp}|${body}`, base64. */
export function telnyxSignature(timestamp: string, body: string, key: KeyObject): string {
  return sign(null, Buffer.from(`${timestamp}|${body}`, 'utf8'), key).toString('base64');
}

export interface PreparedRequest {
  /** Path and query, e.g. `/webhooks/twilio/status?touch_run_id=…`. */
  path: string;
  init: { method: string; headers: Record<string, string>; body?: string };
}

/** A Twilio form POST signed over PUBLIC_BASE + path (+ signedQuery, defaulting to the query actually sent). */
export function twilioRequest(
  path: string,
  params: Record<string, string>,
  options: { query?: string; signedQuery?: string; signature?: string | null; token?: string; signedBase?: string } = {},
): PreparedRequest {
  const query = options.query ?? '';
  const signature =
    options.signature === undefined
      ? twilioSignature(`${options.signedBase ?? PUBLIC_BASE}${path}${options.signedQuery ?? query}`, params, options.token ?? TWILIO_TOKEN)
      : options.signature;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature !== null) headers['x-twilio-signature'] = signature;
  return { path: `${path}${query}`, init: { method: 'POST', headers, body: new URLSearchParams(params).toString() } };
}

/** A Telnyx JSON POST signed at `ts` (Unix seconds) with `key`; headers: false sends none. */
export function telnyxRequest(
  body: string,
  key: KeyObject,
  options: { ts?: number; query?: string; headers?: boolean } = {},
): PreparedRequest {
  const ts = String(options.ts ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.headers !== false) {
    headers['telnyx-signature-ed25519'] = telnyxSignature(ts, body, key);
    headers['telnyx-timestamp'] = ts;
  }
  return { path: `/webhooks/telnyx${options.query ?? ''}`, init: { method: 'POST', headers, body } };
}

/** A Telnyx API v2 event envelope. */
export function telnyxEvent(id: string, eventType: string, payload: Record<string, unknown>, attempt = 1): unknown {
  return {
    data: { record_type: 'event', id, event_type: eventType, occurred_at: new Date().toISOString(), payload },
    meta: { attempt, delivered_to: `${PUBLIC_BASE}/webhooks/telnyx` },
  };
}

/** An Elastic Email notification: JSON or form fields, the shared secret in X-Webhook-Secret (null: none). */
export function elasticRequest(
  fields: unknown,
  options: { json?: boolean; secret?: string | null; rawBody?: string } = {},
): PreparedRequest {
  const secret = options.secret === undefined ? ELASTIC_SECRET : options.secret;
  const headers: Record<string, string> = {};
  if (secret !== null) headers['x-webhook-secret'] = secret;
  let body: string;
  if (options.rawBody !== undefined) {
    headers['content-type'] = 'application/json';
    body = options.rawBody;
  } else if (options.json !== false) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(fields);
  } else {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(fields as Record<string, string>).toString();
  }
  return { path: '/webhooks/elastic', init: { method: 'POST', headers, body } };
}

export interface InboundSetup {
  app: Hono;
  config: InboundConfig;
  accountA: string;
  accountB: string;
  /** Signs Telnyx requests; its public half is the configured TELNYX_PUBLIC_KEY. */
  telnyxKey: KeyObject;
}

/**
 * Creates accounts A (slug acme) and B (slug bravo) with their persona numbers
 * and providers, marks twilio, telnyx and elastic_email ready, and builds the
 * Hono app with real signature verification. `sql` is an owner pool;
 * `ingestSql` runs as revenue_ingest (every ingest call goes through it).
 */
export async function setupInbound(sql: Sql, ingestSql: Sql): Promise<InboundSetup> {
  const pair = generateKeyPairSync('ed25519');
  // Telnyx shows the raw 32-byte key: the last 32 bytes of the SPKI DER.
  const telnyxPublic = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
  const config = await loadInboundConfig({
    PUBLIC_BASE_URL: PUBLIC_BASE,
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    TELNYX_PUBLIC_KEY: telnyxPublic,
    ELASTIC_EMAIL_WEBHOOK_SECRET: ELASTIC_SECRET,
    BOOKING_WEBHOOK_SECRET: BOOKING_SECRET,
    APP_SECRET,
  });
  const app = createApp({ sql, workerHealth: () => null, inbound: { config, ingestSql } });

  const [a] = await sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('Acme', 'acme') returning id`;
  const [b] = await sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('Bravo', 'bravo') returning id`;
  const accountA = a!.id;
  const accountB = b!.id;
  await sql`update public.org_settings set business_name = 'Acme Motors', contact_phone = '+13055550199' where account_id = ${accountA}`;
  await sql`update public.org_settings set business_name = 'Bravo Clinic' where account_id = ${accountB}`;
  const settings: [string, string, string, unknown][] = [
    [accountA, 'sms', 'twilio', { senders: [{ address: NUMBERS.A_SMS, persona: 'initial' }, { address: NUMBERS.A_NUDGE, persona: 'nudge' }] }],
    [accountA, 'whatsapp', 'twilio', { senders: [{ address: NUMBERS.A_WA, persona: 'initial' }] }],
    [accountA, 'voice', 'twilio', { senders: [{ address: NUMBERS.A_SMS, persona: 'initial' }] }],
    [accountA, 'email', 'elastic_email', {}],
    [accountB, 'sms', 'telnyx', { senders: [{ address: NUMBERS.B_SMS, persona: 'initial' }] }],
  ];
  for (const [account, channel, provider, cfg] of settings) {
    await sql`insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
              values (${account}, ${channel}, ${provider}, true, ${sql.json(cfg as never)})`;
  }
  for (const p of ['twilio', 'telnyx', 'elastic_email']) {
    await sql`insert into public.provider_readiness (provider, ready, detail) values (${p}, true, 'tests')
              on conflict (provider) do update set ready = true`;
  }
  return { app, config, accountA, accountB, telnyxKey: pair.privateKey };
}

/**
 * A touch as dispatch leaves it, with its outbound message: status 'sent' (the
 * provider took it, `providerMessageId` known) or 'unknown' (the worker died
 * after calling the provider: no provider id recorded). `payload` is the touch
 * payload (a fallback plan lets the smart router act on a failure).
 */
export async function outboundTouch(
  sql: Sql,
  fields: {
    account: string;
    lead: string;
    channel: 'sms' | 'email' | 'voice' | 'whatsapp';
    provider: string;
    providerMessageId: string;
    to: string;
    attempt: number;
    status?: 'sent' | 'unknown';
    payload?: unknown;
  },
): Promise<string> {
  const status = fields.status ?? 'sent';
  const providerId = status === 'sent' ? fields.providerMessageId : null;
  const payload = fields.payload ?? { delivery: { body: 'hello' } };
  const [row] = await sql<{ id: string }[]>`
    with t as (
      insert into public.touch_runs (account_id, lead_id, step, channel, attempt, status, scheduled_at, send_key,
                                     provider, provider_message_id, sent_at, payload)
      values (${fields.account}, ${fields.lead}, 1, ${fields.channel}, ${fields.attempt}, ${status}, now() - interval '1 minute',
              brain.send_key(${fields.lead}::uuid, null, 1, ${fields.channel}, ${fields.attempt}),
              ${fields.provider}, ${providerId}, case when ${status} = 'sent' then now() - interval '1 minute' end,
              ${sql.json(payload as never)})
      returning *)
    insert into public.outbound_messages (account_id, lead_id, touch_run_id, channel, send_key, provider, provider_message_id,
                                          status, to_address, sent_at)
    select account_id, lead_id, id, channel, send_key, provider, provider_message_id, status, ${fields.to}, sent_at from t
    returning touch_run_id as id`;
  return row!.id;
}
