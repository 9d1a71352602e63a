/**
 * A whole call on loopback, database included: a voice touch was dialled; the
 * fake carrier (real speech) connects to the gateway, which reads the call's
 * context from the API (voiceOutcomeRoutes mounted on a small Hono app served
 * by @hono/node-server, against a clone of the test database), greets, is
 * interrupted by the caller (barge-in), answers the committed turn, gets a hot
 * verdict from the model's function call, hands the lead off, and when the
 * caller hangs up posts the outcome: the lead ends in high_intent and in
 * public.call_queue.
 *
 * The API routes' refusals (token, body, SQL detail) are tested here too.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voiceOutcomeRoutes } from '../api/voice-outcome.ts';
import { connect, type Sql } from '../db/client.ts';
import { loadGatewayConfig } from '../gateway/config.ts';
import { createGateway, type Gateway } from '../gateway/server.ts';
import { setLogSink } from '../lib/log.ts';
import { FakeCarrierCall, frames, speechUlaw } from './fakes/carrier.ts';
import { startFakeRealtime, type FakeRealtime } from './fakes/realtime.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

const GATEWAY_TOKEN = 'gateway-token-for-tests-0123456789';
const OUTCOME_TOKEN = 'outcome-token-for-tests-0123456789';
const HANDOFF_TOKEN = 'handoff-token-for-tests';
const CALL_SID = `CA${'7'.repeat(32)}`;
const LEAD_SAYS = 'yes I want a test drive on saturday';
const INTENT = 'wants a test drive on Saturday';

type LogLine = { event: string; [k: string]: unknown };
const logs: LogLine[] = [];
let restoreLog: () => void;

let db: TestDatabase;
let ingestSql: Sql;
let app: Hono;
let api: ServerType;
let apiUrl: string;
let handoff: http.Server;
const handoffs: { authorization: string | undefined; body: Record<string, unknown> }[] = [];
let realtime: FakeRealtime;
let gateway: Gateway;
let account: string;
let lead: string;
let touch: string;

async function listening(server: http.Server): Promise<string> {
  if (!server.listening) await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  restoreLog = setLogSink((line) => logs.push(JSON.parse(line) as LogLine));
  db = await cloneTemplate('gateway_call');
  ingestSql = connect(db.url, { max: 3, role: 'revenue_ingest', applicationName: 'revenue-os-test-gateway-ingest' });

  const [row] = await db.sql<{ now: Date; a: string }[]>`select tests.local_at(1, '10:00') as now, tests.create_account('Sunset Motors') as a`;
  account = row!.a;
  await db.sql`update public.org_settings set business_name = 'Sunset Motors', call_queue_gold_priority = 250 where account_id = ${account}`;
  await db.sql`select tests.set_all_providers(${account})`;
  await db.sql`select tests.set_provider_ready('twilio', true)`;
  await db.sql`select tests.set_provider(${account}, 'voice', 'twilio')`;
  await db.sql`select tests.give_senders(${account}, '+13055550900', p_channel => 'voice')`;
  const [l] = await db.sql<{ id: string }[]>`select tests.create_lead(${account}, '+13055550101') as id`;
  lead = l!.id;
  await db.sql`update public.leads set first_name = 'Ana' where id = ${lead}`;
  const [t] = await db.sql<{ id: string }[]>`select tests.sent_touch(${account}, ${lead}, 'voice', ${CALL_SID}, ${row!.now}) as id`;
  touch = t!.id;

  app = new Hono();
  app.route('/api/voice', voiceOutcomeRoutes({ sql: db.sql, ingestSql, token: OUTCOME_TOKEN }));
  api = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  apiUrl = await listening(api as http.Server);

  handoff = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handoffs.push({ authorization: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown> });
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  handoff.listen(0, '127.0.0.1');
  const handoffUrl = await listening(handoff);

  const greeting = await speechUlaw('Hi Ana, this is Sunset Motors. Are you still looking for a truck?');
  realtime = await startFakeRealtime({
    responses: [
      { kind: 'audio', audio: greeting, transcript: 'Hi Ana, this is Sunset Motors.' },
      { kind: 'function', name: 'record_call_outcome', arguments: { verdict: 'hot', stated_intent: INTENT } },
      { kind: 'echo' },
    ],
    transcripts: [LEAD_SAYS],
  });
  gateway = createGateway(
    loadGatewayConfig({
      VOICE_GATEWAY_TOKEN: GATEWAY_TOKEN,
      VOICE_GATEWAY_PORT: '0',
      OPENAI_API_KEY: 'sk-test-fake-openai-key',
      OPENAI_REALTIME_URL: realtime.url,
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      VOICE_API_BASE_URL: apiUrl,
      VOICE_OUTCOME_TOKEN: OUTCOME_TOKEN,
      SUPABASE_VOICE_HANDOFF_URL: `${handoffUrl}/functions/v1/voice-handoff`,
      SUPABASE_VOICE_HANDOFF_TOKEN: HANDOFF_TOKEN,
    }),
  );
  await gateway.listen();
});

afterAll(async () => {
  await gateway?.close();
  await realtime?.close();
  handoff?.closeAllConnections();
  await new Promise<void>((resolve) => (handoff ? handoff.close(() => resolve()) : resolve()));
  await new Promise<void>((resolve) => (api ? api.close(() => resolve()) : resolve()));
  await ingestSql?.end({ timeout: 5 });
  await db?.drop();
  restoreLog?.();
});

function logged(event: string): LogLine[] {
  return logs.filter((l) => l.event === event);
}

describe('a simulated call, end to end', () => {
  it('greeting, caller speech over it (barge-in), a hot verdict, hang-up: the lead is high_intent and in the call queue', async () => {
    const carrier = await FakeCarrierCall.connect({
      carrier: 'twilio',
      url: `${gateway.url().replace(/^http/, 'ws')}/twilio`,
      callId: CALL_SID,
      // As the worker's TwiML would carry them: the touch and (Twilio drops query strings) the token.
      customParameters: { touch_run_id: touch, token: GATEWAY_TOKEN },
    });
    carrier.start();

    // The greeting starts; the caller talks over it after half a second.
    await carrier.waitFor(() => carrier.audio().length >= 4000, 5000, 'half a second of greeting');
    const speech = frames(await speechUlaw('Yes! I want a test drive on Saturday morning, please call me back.'));
    await carrier.sendFrames(speech, { paceMs: 20 });

    const session = realtime.sessions[0]!;
    const types = () => session.events.map((e) => e.type);
    // Barge-in: the assistant's greeting is cut where the caller interrupted it.
    const truncate = session.events.find((e) => e.type === 'conversation.item.truncate');
    expect(truncate?.event).toMatchObject({ item_id: 'item_a1', content_index: 0 });
    expect(truncate!.event.audio_end_ms as number).toBeGreaterThanOrEqual(300);
    expect(carrier.clears).toBe(1);
    expect(types().indexOf('response.cancel')).toBeGreaterThan(-1);

    // The turn is answered; the model's verdict comes back as a function call and is acknowledged.
    await realtime.waitFor(() => session.events.filter((e) => e.type === 'response.create').length === 3, 10_000, 'three responses');
    const output = session.events.find((e) => e.type === 'conversation.item.create')!.event.item as Record<string, unknown>;
    expect(output).toEqual({ type: 'function_call_output', call_id: 'call_2', output: '{"ok":true}' });
    // The reply (an echo of the caller) is played.
    const heardBytes = (truncate!.event.audio_end_ms as number) * 8;
    await carrier.waitFor(() => carrier.audio().length > heardBytes + 8000, 10_000, 'the reply');

    // What the model was told came from the API: the business, the lead, the opening line.
    const update = session.events.find((e) => e.type === 'session.update')!.event.session as { instructions: string };
    expect(update.instructions).toContain('"Sunset Motors"');
    expect(update.instructions).toContain('"Ana"');
    expect(update.instructions).toContain('This is the first call');

    // The hot lead is handed off while the call is still on.
    await new Promise((r) => setTimeout(r, 100));
    expect(handoffs).toHaveLength(1);
    expect(handoffs[0]).toMatchObject({
      authorization: `Bearer ${HANDOFF_TOKEN}`,
      body: { event: 'voice_hot_lead', provider: 'twilio', call_id: CALL_SID, touch_run_id: touch, lead_id: lead, account_id: account, verdict: 'hot' },
    });

    carrier.stop();
    await carrier.closed;
    await gateway.settled();

    expect(logged('VOICE_OUTCOME_POSTED').at(-1)).toMatchObject({ call_id: CALL_SID, touch_run_id: touch, status: 200, outcome: 'recorded' });
    const [state] = await db.sql<{ lead_state: string }[]>`select lead_state from public.leads where id = ${lead}`;
    expect(state!.lead_state).toBe('high_intent');
    const queue = await db.sql`select priority, status, reason, source from public.call_queue where lead_id = ${lead}`;
    expect(queue).toEqual([{ priority: 250, status: 'pending', reason: 'hot_call', source: 'voice_gateway' }]);
    const [outcome] = await db.sql<{ payload: Record<string, unknown>; score_delta: number }[]>`
      select payload, score_delta from public.core_memory_events where lead_id = ${lead} and event_type = 'voice_call_outcome'`;
    expect(outcome!.payload).toMatchObject({ touch_run_id: touch, provider: 'twilio', call_id: CALL_SID, answered: true, verdict: 'hot', stated_intent: INTENT });
    expect(outcome!.payload.duration_seconds as number).toBeGreaterThanOrEqual(5);
    const [transcript] = await db.sql<{ turns: { role: string; text: string }[] }[]>`
      select payload->'turns' as turns from public.core_memory_events where lead_id = ${lead} and event_type = 'voice_call_transcript'`;
    expect(transcript!.turns.map((t) => [t.role, t.text])).toEqual(
      expect.arrayContaining([['assistant', expect.stringMatching(/^Hi Ana,/)], ['lead', LEAD_SAYS]]),
    );
    const timeline = await db.sql<{ event_type: string }[]>`select event_type from public.lead_timeline(${lead})`;
    expect(timeline.map((r) => r.event_type)).toEqual(expect.arrayContaining(['voice_call_outcome', 'voice_call_transcript', 'call_answered']));

    for (const event of ['TWILIO_START', 'REALTIME_CONNECTED', 'REALTIME_SESSION_READY', 'BARGE_IN', 'CALL_VERDICT', 'VOICE_HANDOFF_SENT', 'VOICE_CALL_ENDED']) {
      expect(logged(event).length, event).toBeGreaterThan(0);
    }
    expect(logged('REALTIME_SESSION_READY').at(-1)).toMatchObject({ context: 'found', touch_run_id: touch });
    const all = logs.map((l) => JSON.stringify(l)).join('\n');
    for (const secret of [GATEWAY_TOKEN, OUTCOME_TOKEN, HANDOFF_TOKEN, INTENT, LEAD_SAYS, 'Hi Ana']) expect(all).not.toContain(secret);
  }, 60_000);

  it('a replayed outcome changes nothing', async () => {
    const res = await fetch(`${apiUrl}/api/voice/outcome`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OUTCOME_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'twilio', call_id: CALL_SID, touch_run_id: touch, answered: true, duration_seconds: 3, verdict: 'cold', transcript: [] }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: 'duplicate', lead_id: lead });
    const [n] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from public.core_memory_events where lead_id = ${lead} and event_type = 'voice_call_outcome'`;
    expect(n!.n).toBe(1);
  });
});

describe('API /api/voice', () => {
  const post = (body: unknown, token: string | null = OUTCOME_TOKEN, target = app) =>
    target.request('http://api.local/api/voice/outcome', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const valid = { provider: 'twilio', call_id: 'CA-unknown', answered: true, duration_seconds: 5, transcript: [] };

  it('refuses a missing or wrong token (401) and everything when no token is configured (403)', async () => {
    expect(await (await post(valid, null)).json()).toEqual({ error: 'missing_token' });
    const wrong = await post(valid, 'not-the-outcome-token');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'invalid_token' });
    const unconfigured = new Hono();
    unconfigured.route('/api/voice', voiceOutcomeRoutes({ ingestSql, token: undefined }));
    const refused = await post(valid, OUTCOME_TOKEN, unconfigured);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'not_configured' });
  });

  it('refuses a malformed body with the reason (400), and what the SQL refuses with its detail', async () => {
    const notJson = await post('{nope');
    expect(notJson.status).toBe(400);
    const bad = await post({ ...valid, verdict: 'lukewarm', extra: 1 });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: string; issues: { path: string }[] };
    expect(body.error).toBe('invalid_body');
    expect(body.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['verdict', '(root)']));
    const sqlRefusal = await post({ ...valid, call_id: CALL_SID, answered: false, verdict: 'hot' });
    expect(sqlRefusal.status).toBe(400);
    expect(await sqlRefusal.json()).toEqual({ error: 'invalid_argument', detail: 'a call nobody answered cannot have a verdict' });
  });

  it('answers 404 for a call nobody placed', async () => {
    const res = await post(valid);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'unknown_call' });
  });

  it('a NUL in a field never answers 500 (it becomes U+FFFD); JSON nested 10,000 deep is 400', async () => {
    const nul = await post({ ...valid, call_id: 'CA-unknown\u0000', transcript: [{ role: 'lead', text: 'hi\u0000' }] });
    expect(nul.status).toBe(404);
    expect(await nul.json()).toEqual({ error: 'unknown_call' });
    const deep = await post(`{"transcript": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    expect(deep.status).toBe(400);
    const context = await app.request('http://api.local/api/voice/context?provider=twilio&call_id=CA%00x', {
      headers: { authorization: `Bearer ${OUTCOME_TOKEN}` },
    });
    expect(context.status).toBeLessThan(500);
  });

  it('serves the call context by touch or by call id, 404 when unknown, 400 without either', async () => {
    const get = (query: string) => app.request(`http://api.local/api/voice/context${query}`, { headers: { authorization: `Bearer ${OUTCOME_TOKEN}` } });
    const byTouch = await get(`?touch_run_id=${touch}`);
    expect(byTouch.status).toBe(200);
    expect(await byTouch.json()).toMatchObject({ outcome: 'found', touch_run_id: touch, lead_id: lead, call_id: CALL_SID, business_name: 'Sunset Motors', lead_first_name: 'Ana' });
    expect(await (await get(`?provider=twilio&call_id=${CALL_SID}`)).json()).toMatchObject({ touch_run_id: touch });
    expect((await get('?provider=twilio&call_id=CA-nobody')).status).toBe(404);
    expect((await get('')).status).toBe(400);
    expect((await app.request(`http://api.local/api/voice/context?touch_run_id=${touch}`)).status).toBe(401);
  });
});
