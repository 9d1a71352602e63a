/**
 * Webhooks verified with the keys of the account they concern. Three accounts:
 * acme and bravo keep their own provider credentials (sealed, as the settings
 * page stores them), cargo has none and relies on the environment's keys.
 * Signatures are built here from the providers' published algorithms.
 */
import { createHmac, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.ts';
import { loadInboundConfig } from '../api/inbound-config.ts';
import { connect, withTenant, type Sql } from '../db/client.ts';
import { setLogSink } from '../lib/log.ts';
import { saveCredentials, type CredentialProvider, type Credentials } from '../lib/provider-credentials.ts';
import { generateMasterKey, keyRingOf, parseMasterKey } from '../lib/secrets.ts';
import { drainReceipts } from './harness/drain.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';
import { httpLogin, startConsoleServer, type ConsoleServer } from './harness/console.ts';

const BASE = 'https://hooks.example.com';
const INTERNAL = 'http://10.0.0.9:3000';
const ENV_TWILIO_TOKEN = 'env-twilio-token-for-tenancy-tests';
const ENV_ELASTIC_SECRET = 'env-elastic-secret-for-tenancy-tests';
const ENV_BOOKING_SECRET = 'env-booking-secret-for-tenancy-tests';
const APP_SECRET = 'app-secret-for-tenancy-tests-0123456789';

const ACME_SID = 'AC' + 'a'.repeat(32);
const ACME_TOKEN = 'acme-own-twilio-auth-token-1';
const ACME_TOKEN_2 = 'acme-own-twilio-auth-token-2';
const BRAVO_SID = 'AC' + 'b'.repeat(32);
const BRAVO_TOKEN = 'bravo-own-twilio-auth-token';
const ACME_ELASTIC_SECRET = 'acme-own-elastic-webhook-secret';
const BRAVO_CALENDLY_KEY = 'bravo-own-calendly-signing-key';

const ACME_SMS = '+13055550100';
const ACME_TELNYX = '+13055550177';
const BRAVO_SMS = '+12125550100';
const CARGO_SMS = '+16175550100';

let db: TestDatabase;
let ingestSql: Sql;
let app: Hono;
let acme: string;
let bravo: string;
let cargo: string;
let envTelnyx: KeyObject;
let acmeTelnyx: KeyObject;
const logs: string[] = [];
let restoreLog: () => void;
let seq = 0;

const ring = keyRingOf(parseMasterKey(generateMasterKey(), 'tenancy tests'));

function next(): number {
  seq += 1;
  return seq;
}
const sid = (prefix: string) => prefix + String(next()).padStart(32, '0');
const leadPhone = () => `+1786234${String(1000 + next()).slice(-4)}`;
/** Telnyx shows the raw 32-byte public key: the last 32 bytes of the SPKI DER. */
const rawKey = (k: KeyObject) => createPublicKey(k).export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');

function twilioSignature(url: string, params: Record<string, string>, token: string): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', token).update(Buffer.from(data, 'utf8')).digest('base64');
}

async function twilioPost(route: string, params: Record<string, string>, token: string, query = ''): Promise<Response> {
  const res = await app.request(`${INTERNAL}${route}${query}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(`${BASE}${route}${query}`, params, token),
    },
    body: new URLSearchParams(params).toString(),
  });
  // Receipts-first ingest: the webhook wrote a receipt; drain it as the worker would.
  await drainReceipts(db.sql);
  return res;
}

async function telnyxPost(event: unknown, key: KeyObject, query = ''): Promise<Response> {
  const body = JSON.stringify(event);
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(`${ts}|${body}`, 'utf8'), key).toString('base64');
  const res = await app.request(`${INTERNAL}/webhooks/telnyx${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'telnyx-signature-ed25519': signature, 'telnyx-timestamp': ts },
    body,
  });
  // Receipts-first ingest: the webhook wrote a receipt; drain it as the worker would.
  await drainReceipts(db.sql);
  return res;
}

function telnyxEvent(eventType: string, payload: Record<string, unknown>): unknown {
  return { data: { record_type: 'event', id: `evt-${next()}`, event_type: eventType, occurred_at: new Date().toISOString(), payload } };
}

async function elasticPost(fields: Record<string, string>, secret: string): Promise<Response> {
  const res = await app.request(`${INTERNAL}/webhooks/elastic`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-webhook-secret': secret },
    body: new URLSearchParams(fields).toString(),
  });
  // Receipts-first ingest: the webhook wrote a receipt; drain it as the worker would.
  await drainReceipts(db.sql);
  return res;
}

function derivedBookingKey(accountId: string): string {
  return createHmac('sha256', ENV_BOOKING_SECRET).update(`booking-webhook:${accountId}`, 'utf8').digest('hex');
}

async function bookingPost(url: string, body: unknown, key: string): Promise<Response> {
  const raw = JSON.stringify(body);
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', key).update(`${t}.${raw}`, 'utf8').digest('hex');
  const res = await app.request(`${INTERNAL}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'calendly-webhook-signature': `t=${t},v1=${v1}` },
    body: raw,
  });
  // Receipts-first ingest: the webhook wrote a receipt; drain it as the worker would.
  await drainReceipts(db.sql);
  return res;
}

async function store<P extends CredentialProvider>(account: string, provider: P, value: Credentials<P>): Promise<void> {
  await withTenant(db.sql, account, (tx) => saveCredentials(tx, ring, account, provider, value));
}

async function createLead(account: string, fields: { phone?: string; email?: string; state?: string } = {}): Promise<string> {
  const [row] = await db.sql<{ id: string }[]>`
    insert into public.leads (account_id, phone, email, lead_state, source, external_id)
    values (${account}, ${fields.phone ?? null}, ${fields.email ?? null}, ${fields.state ?? 'touched'}, 'test', ${'t' + next()})
    returning id`;
  return row!.id;
}

/** A sent touch and its outbound message; providerMessageId null: the provider's id was never recorded. */
async function sentTouch(account: string, channel: 'sms' | 'email', provider: string, providerMessageId: string | null, to: string): Promise<string> {
  const lead = await createLead(account, channel === 'email' ? { email: to } : { phone: to });
  const [row] = await db.sql<{ id: string }[]>`
    with t as (
      insert into public.touch_runs (account_id, lead_id, step, channel, attempt, status, scheduled_at, send_key,
                                     provider, provider_message_id, sent_at, payload)
      values (${account}, ${lead}, 1, ${channel}, 1, 'sent', now(), brain.send_key(${lead}::uuid, null, 1, ${channel}, 1),
              ${provider}, ${providerMessageId}, now(), '{"delivery": {"body": "hello"}}')
      returning *)
    insert into public.outbound_messages (account_id, lead_id, touch_run_id, channel, send_key, provider, provider_message_id,
                                          status, to_address, sent_at)
    select account_id, lead_id, id, channel, send_key, provider, provider_message_id, 'sent', ${to}, now() from t
    returning touch_run_id as id`;
  return row!.id;
}

async function messageStatus(touch: string): Promise<string> {
  const [row] = await db.sql<{ status: string }[]>`select status from public.outbound_messages where touch_run_id = ${touch}`;
  return row!.status;
}

async function inboundCount(account?: string): Promise<number> {
  const [row] = await db.sql<{ n: number }[]>`
    select count(*)::int as n from public.inbound_messages where ${account ?? null}::uuid is null or account_id = ${account ?? null}`;
  return row!.n;
}

async function receipts(): Promise<number> {
  const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from public.webhook_receipts`;
  return row!.n;
}

beforeAll(async () => {
  restoreLog = setLogSink((line) => logs.push(line));
  db = await cloneTemplate('webhook_tenancy');
  ingestSql = connect(db.url, { max: 4, role: 'revenue_ingest', applicationName: 'revenue-os-test-webhook-tenancy' });
  envTelnyx = generateKeyPairSync('ed25519').privateKey;
  acmeTelnyx = generateKeyPairSync('ed25519').privateKey;
  const config = await loadInboundConfig({
    PUBLIC_BASE_URL: BASE,
    TWILIO_AUTH_TOKEN: ENV_TWILIO_TOKEN,
    TELNYX_PUBLIC_KEY: rawKey(envTelnyx),
    ELASTIC_EMAIL_WEBHOOK_SECRET: ENV_ELASTIC_SECRET,
    BOOKING_WEBHOOK_SECRET: ENV_BOOKING_SECRET,
    APP_SECRET,
  });
  app = createApp({ sql: db.sql, workerHealth: () => null, keyRing: ring, inbound: { config, ingestSql } });

  const ids = await db.sql<{ slug: string; id: string }[]>`
    insert into public.accounts (name, slug) values ('Acme', 'acme'), ('Bravo', 'bravo'), ('Cargo', 'cargo') returning slug, id`;
  const id = (slug: string) => ids.find((r) => r.slug === slug)!.id;
  [acme, bravo, cargo] = [id('acme'), id('bravo'), id('cargo')];
  const settings: [string, string, string, unknown][] = [
    [acme, 'sms', 'twilio', { senders: [{ address: ACME_SMS, persona: 'initial' }] }],
    [acme, 'voice', 'telnyx', { senders: [{ address: ACME_TELNYX, persona: 'initial' }] }],
    [acme, 'email', 'elastic_email', {}],
    [bravo, 'sms', 'twilio', { senders: [{ address: BRAVO_SMS, persona: 'initial' }] }],
    [cargo, 'sms', 'twilio', { senders: [{ address: CARGO_SMS, persona: 'initial' }] }],
    [cargo, 'email', 'elastic_email', {}],
  ];
  for (const [account, channel, provider, cfg] of settings) {
    await db.sql`insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
                 values (${account}, ${channel}, ${provider}, true, ${db.sql.json(cfg as never)})`;
  }
  await store(acme, 'twilio', { account_sid: ACME_SID, auth_token: ACME_TOKEN });
  await store(acme, 'telnyx', { api_key: 'acme-telnyx-api-key-0123', public_key: rawKey(acmeTelnyx) });
  await store(acme, 'elastic_email', { api_key: 'acme-elastic-api-key-0123', from: 'sales@acme.example.com', webhook_secret: ACME_ELASTIC_SECRET });
  await store(bravo, 'twilio', { account_sid: BRAVO_SID, auth_token: BRAVO_TOKEN });
});

afterAll(async () => {
  await ingestSql?.end({ timeout: 5 });
  await db?.drop();
  restoreLog?.();
});

describe('Twilio: each account its own auth token', () => {
  it("verifies acme's inbound SMS with acme's token; bravo's token and the environment's are refused for acme's number", async () => {
    const params = () => ({ MessageSid: sid('SM'), AccountSid: ACME_SID, From: leadPhone(), To: ACME_SMS, Body: 'hello' });
    const before = await receipts();
    const byBravo = await twilioPost('/webhooks/twilio/messages', params(), BRAVO_TOKEN);
    expect(byBravo.status).toBe(403);
    expect(await byBravo.json()).toEqual({ error: 'bad_signature' });
    const byEnv = await twilioPost('/webhooks/twilio/messages', params(), ENV_TWILIO_TOKEN);
    expect(byEnv.status).toBe(403);
    expect(await receipts()).toBe(before);
    expect(await inboundCount(acme)).toBe(0);

    const own = await twilioPost('/webhooks/twilio/messages', params(), ACME_TOKEN);
    expect(own.status).toBe(200);
    expect(await inboundCount(acme)).toBe(1);
  });

  it("refuses acme's token with another AccountSid (or none), writing nothing", async () => {
    const before = await receipts();
    const base = { MessageSid: sid('SM'), From: leadPhone(), To: ACME_SMS, Body: 'hi' };
    const wrongSid = await twilioPost('/webhooks/twilio/messages', { ...base, AccountSid: BRAVO_SID }, ACME_TOKEN);
    expect(wrongSid.status).toBe(403);
    expect(await wrongSid.json()).toEqual({ error: 'account_mismatch' });
    const noSid = await twilioPost('/webhooks/twilio/messages', base, ACME_TOKEN);
    expect(noSid.status).toBe(403);
    expect(await receipts()).toBe(before);
  });

  it('an account without stored credentials is verified with TWILIO_AUTH_TOKEN, and only with it', async () => {
    const params = () => ({ MessageSid: sid('SM'), From: leadPhone(), To: CARGO_SMS, Body: 'hola' });
    expect((await twilioPost('/webhooks/twilio/messages', params(), ACME_TOKEN)).status).toBe(403);
    expect((await twilioPost('/webhooks/twilio/messages', params(), BRAVO_TOKEN)).status).toBe(403);
    const env = await twilioPost('/webhooks/twilio/messages', params(), ENV_TWILIO_TOKEN);
    expect(env.status).toBe(200);
    expect(await inboundCount(cargo)).toBe(1);
  });

  it("a status callback is verified by its message's account: bravo cannot move acme's message, even naming its own touch", async () => {
    const acmeTouch = await sentTouch(acme, 'sms', 'twilio', sid('SM'), leadPhone());
    const [m] = await db.sql<{ provider_message_id: string }[]>`select provider_message_id from public.outbound_messages where touch_run_id = ${acmeTouch}`;
    const acmeSid = m!.provider_message_id;
    const bravoTouch = await sentTouch(bravo, 'sms', 'twilio', sid('SM'), leadPhone());

    // Bravo signs (its own token, its own AccountSid) a report on acme's message.
    const forged = { MessageSid: acmeSid, MessageStatus: 'failed', AccountSid: BRAVO_SID, From: BRAVO_SMS };
    expect((await twilioPost('/webhooks/twilio/status', forged, BRAVO_TOKEN)).status).toBe(403);
    // ... and through a callback URL naming bravo's own touch: the touch and the message disagree.
    const mixed = await twilioPost('/webhooks/twilio/status', forged, BRAVO_TOKEN, `?touch_run_id=${bravoTouch}`);
    expect(mixed.status).toBe(403);
    expect(await mixed.json()).toEqual({ error: 'account_conflict' });
    expect(await messageStatus(acmeTouch)).toBe('sent');
    expect(await messageStatus(bravoTouch)).toBe('sent');

    const real = await twilioPost(
      '/webhooks/twilio/status',
      { MessageSid: acmeSid, MessageStatus: 'delivered', AccountSid: ACME_SID, From: ACME_SMS },
      ACME_TOKEN,
      `?touch_run_id=${acmeTouch}`,
    );
    expect(real.status).toBe(200);
    expect(await messageStatus(acmeTouch)).toBe('delivered');
  });

  it('a changed auth token is used by the next request; the old one is refused', async () => {
    const params = () => ({ MessageSid: sid('SM'), AccountSid: ACME_SID, From: leadPhone(), To: ACME_SMS, Body: 'again' });
    expect((await twilioPost('/webhooks/twilio/messages', params(), ACME_TOKEN)).status).toBe(200);
    await store(acme, 'twilio', { account_sid: ACME_SID, auth_token: ACME_TOKEN_2 });
    expect((await twilioPost('/webhooks/twilio/messages', params(), ACME_TOKEN)).status).toBe(403);
    expect((await twilioPost('/webhooks/twilio/messages', params(), ACME_TOKEN_2)).status).toBe(200);
  });

  it("a number moved to another account: the webhook process's cached lookup of it is not trusted, the next message is the new owner's", async () => {
    const moving = '+16175550199';
    const senders = (account: string, list: { address: string; persona: string }[]) =>
      db.sql`update public.account_provider_settings set config = config || jsonb_build_object('senders', ${db.sql.json(list)}::jsonb)
             where account_id = ${account} and channel = 'sms' and is_default`;
    await senders(cargo, [{ address: CARGO_SMS, persona: 'initial' }, { address: moving, persona: 'nudge' }]);
    const params = (sid_: string, accountSid?: string) => ({ MessageSid: sid_, ...(accountSid ? { AccountSid: accountSid } : {}), From: leadPhone(), To: moving, Body: 'hi' });
    // Cargo's (the environment's token): recorded for cargo, and the lookup of the number is now cached.
    expect((await twilioPost('/webhooks/twilio/messages', params(sid('SM')), ENV_TWILIO_TOKEN)).status).toBe(200);
    const cargoBefore = await inboundCount(cargo);
    const bravoBefore = await inboundCount(bravo);

    await senders(cargo, [{ address: CARGO_SMS, persona: 'initial' }]);
    await senders(bravo, [{ address: BRAVO_SMS, persona: 'initial' }, { address: moving, persona: 'nudge' }]);
    const before = await receipts();
    // Signed as cargo's number was: the cached lookup says cargo, the write finds the number is bravo's, and
    // the request checked again with bravo's token is refused. Nothing written.
    const old = await twilioPost('/webhooks/twilio/messages', params(sid('SM')), ENV_TWILIO_TOKEN);
    expect(old.status).toBe(403);
    expect(await old.json()).toEqual({ error: 'bad_signature' });
    expect(await receipts()).toBe(before);
    // Bravo's own: recorded for bravo.
    expect((await twilioPost('/webhooks/twilio/messages', params(sid('SM'), BRAVO_SID), BRAVO_TOKEN)).status).toBe(200);
    expect(await inboundCount(bravo)).toBe(bravoBefore + 1);
    expect(await inboundCount(cargo)).toBe(cargoBefore);
  });

  it('a number moved to another account while its lookup is cached: a message signed for the new owner is the new owner\'s', async () => {
    const moving = '+16175550198';
    const senders = (account: string, list: { address: string; persona: string }[]) =>
      db.sql`update public.account_provider_settings set config = config || jsonb_build_object('senders', ${db.sql.json(list)}::jsonb)
             where account_id = ${account} and channel = 'sms' and is_default`;
    await senders(bravo, [{ address: BRAVO_SMS, persona: 'initial' }, { address: moving, persona: 'nudge' }]);
    const params = () => ({ MessageSid: sid('SM'), AccountSid: BRAVO_SID, From: leadPhone(), To: moving, Body: 'hi' });
    expect((await twilioPost('/webhooks/twilio/messages', params(), BRAVO_TOKEN)).status).toBe(200);
    const cargoBefore = await inboundCount(cargo);
    // Bravo's number goes to cargo (no stored credentials: the environment's token). The cached lookup says
    // bravo, so the environment's signature does not verify with bravo's token: the process looks again.
    await senders(bravo, [{ address: BRAVO_SMS, persona: 'initial' }]);
    await senders(cargo, [{ address: CARGO_SMS, persona: 'initial' }, { address: moving, persona: 'nudge' }]);
    const res = await twilioPost('/webhooks/twilio/messages', { MessageSid: sid('SM'), From: leadPhone(), To: moving, Body: 'hola' }, ENV_TWILIO_TOKEN);
    expect(res.status).toBe(200);
    expect(await inboundCount(cargo)).toBe(cargoBefore + 1);
  });

  it('stored credentials that do not open are refused, never replaced by the environment token', async () => {
    const other = createApp({
      sql: db.sql,
      workerHealth: () => null,
      keyRing: keyRingOf(parseMasterKey(randomBytes(32).toString('base64'), 'another key')),
      inbound: { config: await loadInboundConfig({ PUBLIC_BASE_URL: BASE, TWILIO_AUTH_TOKEN: ENV_TWILIO_TOKEN, APP_SECRET }), ingestSql },
    });
    const params = { MessageSid: sid('SM'), AccountSid: ACME_SID, From: leadPhone(), To: ACME_SMS, Body: 'x' };
    const res = await other.request(`${INTERNAL}/webhooks/twilio/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(`${BASE}/webhooks/twilio/messages`, params, ENV_TWILIO_TOKEN),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: 'credentials_unreadable' });
  });
});

describe('Telnyx: per-account public key, signed data only', () => {
  it("verifies acme's events with acme's public key, not the environment's", async () => {
    const event = () =>
      telnyxEvent('message.received', { id: `msg-${next()}`, from: { phone_number: leadPhone() }, to: [{ phone_number: ACME_TELNYX }], text: 'hi' });
    const before = await inboundCount(acme);
    expect((await telnyxPost(event(), envTelnyx)).status).toBe(403);
    expect(await inboundCount(acme)).toBe(before);
    expect((await telnyxPost(event(), acmeTelnyx)).status).toBe(200);
    expect(await inboundCount(acme)).toBe(before + 1);
  });

  it('a touch_run_id in the (unsigned) query string does not redirect a status to another touch', async () => {
    const first = await sentTouch(cargo, 'sms', 'telnyx', `msg-${next()}`, leadPhone());
    const other = await sentTouch(cargo, 'sms', 'telnyx', `msg-${next()}`, leadPhone());
    const [m] = await db.sql<{ provider_message_id: string }[]>`select provider_message_id from public.outbound_messages where touch_run_id = ${first}`;
    const res = await telnyxPost(
      telnyxEvent('message.finalized', { id: m!.provider_message_id, to: [{ phone_number: '+1', status: 'delivery_failed' }] }),
      envTelnyx,
      `?touch_run_id=${other}&send_key=x`,
    );
    expect(res.status).toBe(200);
    expect(await messageStatus(first)).toBe('failed');
    expect(await messageStatus(other)).toBe('sent');
  });

  it("the touch named in the message's own signed webhook_url is used; the same touch only in the query is not", async () => {
    // The provider's id was never recorded (a worker that died after the send).
    const touch = await sentTouch(cargo, 'sms', 'telnyx', null, leadPhone());
    const payload = (id: string, webhookUrl?: string) => ({
      id,
      to: [{ phone_number: '+1', status: 'delivered' }],
      ...(webhookUrl ? { webhook_url: webhookUrl } : {}),
    });
    const queryOnly = await telnyxPost(telnyxEvent('message.finalized', payload(`msg-${next()}`)), envTelnyx, `?touch_run_id=${touch}`);
    expect(queryOnly.status).toBe(404);
    expect(await messageStatus(touch)).toBe('sent');
    const signed = await telnyxPost(
      telnyxEvent('message.finalized', payload(`msg-${next()}`, `${BASE}/webhooks/telnyx?touch_run_id=${touch}&send_key=k`)),
      envTelnyx,
    );
    expect(signed.status).toBe(200);
    expect(await messageStatus(touch)).toBe('delivered');
  });

  it("acme's key cannot report on cargo's touch through the signed webhook_url", async () => {
    const touch = await sentTouch(cargo, 'sms', 'telnyx', null, leadPhone());
    const res = await telnyxPost(
      telnyxEvent('message.finalized', {
        id: `msg-${next()}`,
        from: { phone_number: ACME_TELNYX },
        to: [{ phone_number: '+1', status: 'delivery_failed' }],
        webhook_url: `${BASE}/webhooks/telnyx?touch_run_id=${touch}`,
      }),
      acmeTelnyx,
    );
    expect(res.status).toBe(403);
    expect(await messageStatus(touch)).toBe('sent');
  });
});

describe('Elastic Email: per-account webhook secret', () => {
  it("acme's message needs acme's secret; cargo's needs the environment's", async () => {
    const acmeTx = `tx-${next()}`;
    const acmeTouch = await sentTouch(acme, 'email', 'elastic_email', acmeTx, `lead${next()}@example.com`);
    const cargoTx = `tx-${next()}`;
    const cargoTouch = await sentTouch(cargo, 'email', 'elastic_email', cargoTx, `lead${next()}@example.com`);

    expect((await elasticPost({ transaction: acmeTx, status: 'Delivered' }, ENV_ELASTIC_SECRET)).status).toBe(403);
    // The postback names acme's touch: the environment's secret still does not speak for it.
    expect((await elasticPost({ transaction: `tx-${next()}`, postback: acmeTouch, status: 'Delivered' }, ENV_ELASTIC_SECRET)).status).toBe(403);
    expect(await messageStatus(acmeTouch)).toBe('sent');
    expect((await elasticPost({ transaction: acmeTx, status: 'Delivered' }, ACME_ELASTIC_SECRET)).status).toBe(200);
    expect(await messageStatus(acmeTouch)).toBe('delivered');

    expect((await elasticPost({ transaction: cargoTx, status: 'Bounced' }, ACME_ELASTIC_SECRET)).status).toBe(403);
    expect(await messageStatus(cargoTouch)).toBe('sent');
    expect((await elasticPost({ transaction: cargoTx, status: 'Delivered' }, ENV_ELASTIC_SECRET)).status).toBe(200);
    expect(await messageStatus(cargoTouch)).toBe('delivered');
  });
});

describe('bookings: the signature is bound to the account', () => {
  function invitee(email: string) {
    return {
      event: 'invitee.created',
      created_at: new Date().toISOString(),
      payload: {
        email,
        name: 'Dana Booker',
        uri: `https://api.calendly.com/scheduled_events/E${next()}/invitees/I1`,
        scheduled_event: { start_time: new Date(Date.now() + 86_400_000).toISOString() },
      },
    };
  }

  async function leadRow(id: string) {
    const [row] = await db.sql`select lead_state, updated_at from public.leads where id = ${id}`;
    return row;
  }

  it("acme's signed invitee.created replayed to cargo's URL is refused and cargo's lead is unchanged", async () => {
    const email = `booker${next()}@example.com`;
    const acmeLead = await createLead(acme, { email, state: 'responded' });
    const cargoLead = await createLead(cargo, { email, state: 'responded' });
    const cargoBefore = await leadRow(cargoLead);
    const body = invitee(email);
    const before = await receipts();

    for (const url of ['/webhooks/booking/cargo', '/webhooks/booking?account=cargo']) {
      const replay = await bookingPost(url, body, derivedBookingKey(acme));
      expect(replay.status).toBe(403);
      expect(await replay.json()).toEqual({ error: 'bad_signature' });
    }
    // The environment secret itself is not a key any account verifies with.
    expect((await bookingPost('/webhooks/booking/cargo', body, ENV_BOOKING_SECRET)).status).toBe(403);
    expect(await receipts()).toBe(before);
    expect(await leadRow(cargoLead)).toEqual(cargoBefore);

    const own = await bookingPost('/webhooks/booking/acme', body, derivedBookingKey(acme));
    expect(own.status).toBe(200);
    expect((await leadRow(acmeLead))!.lead_state).toBe('appointment_booked');
    expect(await leadRow(cargoLead)).toEqual(cargoBefore);
  });

  it('an account with its own Calendly signing key is verified with it, not with the derived key', async () => {
    await store(bravo, 'calendly', { api_token: 'bravo-calendly-api-token', webhook_signing_key: BRAVO_CALENDLY_KEY });
    const email = `booker${next()}@example.com`;
    const lead = await createLead(bravo, { email, state: 'responded' });
    expect((await bookingPost('/webhooks/booking/bravo', invitee(email), derivedBookingKey(bravo))).status).toBe(403);
    expect((await leadRow(lead))!.lead_state).toBe('responded');
    expect((await bookingPost('/webhooks/booking/bravo', invitee(email), BRAVO_CALENDLY_KEY)).status).toBe(200);
    expect((await leadRow(lead))!.lead_state).toBe('appointment_booked');
  });

  it('a NUL in what names the account (a slug, a SID) is a 4xx, never a failed lookup', async () => {
    const booking = await bookingPost('/webhooks/booking/ac%00me', invitee(`x${next()}@example.com`), derivedBookingKey(acme));
    expect(booking.status).toBe(404);
    const status = await twilioPost('/webhooks/twilio/status', { MessageSid: 'SM\u0000' + '1'.repeat(30), MessageStatus: 'delivered', From: CARGO_SMS }, ENV_TWILIO_TOKEN);
    expect(status.status).toBe(400);
    expect(logs.filter((l) => l.includes('"HTTP_FAILED"'))).toEqual([]);
  });

  it('refuses a path and ?account= that disagree', async () => {
    const res = await bookingPost('/webhooks/booking/acme?account=cargo', invitee(`x${next()}@example.com`), derivedBookingKey(acme));
    expect(res.status).toBe(400);
  });
});

describe('sender numbers: one account per number', () => {
  it("refuses a number another account lists with 23505 and the number; the owner's replies stay its own", async () => {
    const error = await db.sql`
      insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
      values (${bravo}, 'whatsapp', 'twilio', true, ${db.sql.json({ senders: [{ address: ACME_SMS }] })})`.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '23505', message: `${ACME_SMS} is already a sender of another account`, column_name: 'senders' });

    // A STOP to acme's number is acme's, whatever bravo tried.
    const before = await inboundCount(bravo);
    const stop = { MessageSid: sid('SM'), AccountSid: ACME_SID, From: leadPhone(), To: ACME_SMS, Body: 'STOP' };
    expect((await twilioPost('/webhooks/twilio/messages', stop, ACME_TOKEN_2)).status).toBe(200);
    expect(await inboundCount(bravo)).toBe(before);
  });

  it('two sessions listing one new number at once: the second waits for the first, then is refused', async () => {
    const contested = '+13125550123';
    const one = connect(db.url, { max: 1, applicationName: 'revenue-os-test-race-1' });
    const two = connect(db.url, { max: 1, applicationName: 'revenue-os-test-race-2' });
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let firstInserted!: () => void;
      const inserted = new Promise<void>((resolve) => (firstInserted = resolve));
      const first = one.begin(async (tx) => {
        await tx`insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
                 values (${cargo}, 'whatsapp', 'twilio', true, ${tx.json({ senders: [{ address: contested }] })})`;
        firstInserted();
        await held;
      });
      await inserted;
      const second = two
        .begin((tx) => tx`insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
                           values (${bravo}, 'voice', 'twilio', true, ${tx.json({ senders: [{ address: contested }] })})`)
        .catch((e: unknown) => e);
      // The second session is blocked on the first's uncommitted row.
      await new Promise((r) => setTimeout(r, 300));
      const [waiting] = await db.sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity where application_name = 'revenue-os-test-race-2' and wait_event_type = 'Lock'`;
      expect(waiting!.n).toBe(1);
      release();
      await first;
      expect(await second).toMatchObject({ code: '23505', message: `${contested} is already a sender of another account` });
      const owners = await db.sql<{ account_id: string }[]>`select account_id from public.sender_addresses where address = ${contested}`;
      expect(owners).toEqual([{ account_id: cargo }]);
    } finally {
      await one.end({ timeout: 5 });
      await two.end({ timeout: 5 });
    }
  });

  it('the migration refuses existing data where two accounts list one number, naming it and both accounts', async () => {
    const file = await readFile(path.resolve(import.meta.dirname, '..', 'db', 'migrations', '20261206120000_sender_addresses.sql'), 'utf8');
    const up = file.slice(file.indexOf('-- migrate:up'), file.indexOf('-- migrate:down'));
    const error = await db.sql
      .begin(async (tx) => {
        // The state before the migration: no table, no trigger, and a clash in the settings.
        await tx`alter table public.account_provider_settings disable trigger sync_sender_addresses`;
        await tx`drop table public.sender_addresses`;
        await tx`drop index public.outbound_messages_provider_message_idx`;
        await tx`insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
                 values (${cargo}, 'voice', 'twilio', true, ${tx.json({ senders: [{ address: BRAVO_SMS }] })})`;
        await tx.unsafe(up);
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '23505' });
    expect((error as Error).message).toBe(`${BRAVO_SMS} is a sender of more than one account: bravo (${bravo}) and cargo (${cargo})`);
    // Rolled back: the table is still there.
    const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from public.sender_addresses`;
    expect(row!.n).toBeGreaterThan(0);
  });

  it('never logged a secret', () => {
    const all = logs.join('\n');
    for (const secret of [ACME_TOKEN, ACME_TOKEN_2, BRAVO_TOKEN, ENV_TWILIO_TOKEN, ACME_ELASTIC_SECRET, ENV_ELASTIC_SECRET, ENV_BOOKING_SECRET, BRAVO_CALENDLY_KEY, derivedBookingKey(acme)]) {
      expect(all).not.toContain(secret);
    }
    expect(logs.filter((l) => l.includes('"HTTP_FAILED"'))).toEqual([]);
  });
});

describe('the console: a clash is a field error', () => {
  let srv: ConsoleServer;
  beforeAll(async () => {
    srv = await startConsoleServer('webhook_tenancy_console');
  });
  afterAll(async () => {
    await srv?.close();
  });

  it("the other dealer's owner saving the demo account's number gets a field error, and nothing is saved", async () => {
    const owner = await httpLogin(srv.url, srv.users.other);
    const res = await fetch(`${srv.url}/settings/provider`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: owner.csrf, channel: 'sms', provider: 'twilio', senders: '+13055550101 initial' }),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/data-error-for="senders">\+13055550101 is already a sender of another account: a number or address can belong to one account only\.</);
    expect(html).not.toContain(srv.demoAccountId);
    const rows = await srv.db.sql`select 1 from public.account_provider_settings where account_id = ${srv.otherAccountId}`;
    expect(rows).toHaveLength(0);

    const ok = await fetch(`${srv.url}/settings/provider`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: owner.csrf, channel: 'sms', provider: 'twilio', senders: '+12125550150 initial' }),
    });
    expect(ok.status).toBe(200);
    const [owned] = await srv.db.sql<{ account_id: string }[]>`select account_id from public.sender_addresses where address = '+12125550150'`;
    expect(owned!.account_id).toBe(srv.otherAccountId);
  });
});
