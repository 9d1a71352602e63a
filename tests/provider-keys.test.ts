/**
 * Each account sends with its own provider keys: Twilio credentials saved on
 * the settings page (two accounts, two subaccounts of the fake Twilio), a
 * third account without any that falls back to the environment's, a changed
 * token that takes effect on the next send, a row sealed under another master
 * key that is never sent with other keys, and Test connection against fakes
 * (Twilio, Slack, Calendly). No secret may show up in the logs, the page or
 * the database.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JobHelpers } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../db/client.ts';
import { setLogSink } from '../lib/log.ts';
import { saveCredentials } from '../lib/provider-credentials.ts';
import { generateMasterKey, keyRingOf, parseMasterKey } from '../lib/secrets.ts';
import type { WorkerDeps } from '../worker/deps.ts';
import { createAccountDrivers } from '../worker/drivers/accounts.ts';
import { buildDrivers, loadProviderConfig } from '../worker/providers.ts';
import { dispatchTouch } from '../worker/tasks/dispatch_touch.ts';
import { startFakeCalendly, startFakeSlack, startFakeTwilio, type FakeCalendly, type FakeSlack, type FakeTwilio } from './fakes/index.ts';
import { startFakeOpenAiChat, type FakeOpenAiChat } from './fakes/openai-chat.ts';
import { startFake } from './fakes/server.ts';
import { verifyCredentials } from '../worker/drivers/verify.ts';
import { httpLogin, startConsoleServer, type ConsoleServer } from './harness/console.ts';

const SID_A = 'AC' + 'a1'.repeat(16);
const TOKEN_A = 'tokenA-first-0123456789abcdef-AAAA';
const TOKEN_A2 = 'tokenA-second-0123456789abcdef-ZZZZ';
const SID_B = 'AC' + 'b2'.repeat(16);
const TOKEN_B = 'tokenB-only-0123456789abcdef-BBBB';
const WRONG_TOKEN = 'not-the-token-0123456789abcdef-WWWW';
const SLACK_TOKEN = 'xoxb-1234567890-0987654321-slackSecretQQQQ';
const CALENDLY_TOKEN = 'calendly-pat-0123456789abcdefghij-KKKK';
const OPENAI_KEY = 'sk-account-own-openai-key-0123456789-OOOO';
const SECRETS = [TOKEN_A, TOKEN_A2, TOKEN_B, WRONG_TOKEN, SLACK_TOKEN, CALENDLY_TOKEN, OPENAI_KEY];

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();

describe('per-account provider keys', () => {
  let srv: ConsoleServer;
  let twilio: FakeTwilio;
  let slack: FakeSlack;
  let calendly: FakeCalendly;
  let openai: FakeOpenAiChat;
  let workerSql: Sql;
  let deps: WorkerDeps;
  let dataDir: string;
  let accountC: string;
  let accountD: string;
  let zone: string;
  const logs: string[] = [];
  let restoreLog: () => void;
  let owner: { cookie: string; csrf: string };
  let other: { cookie: string; csrf: string };

  const post = (who: { cookie: string; csrf: string }, p: string, body: Record<string, string> = {}) =>
    fetch(`${srv.url}${p}`, {
      method: 'POST',
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true', origin: srv.url },
      body: form({ _csrf: who.csrf, ...body }),
    });

  async function touch(accountId: string, n: number): Promise<string> {
    const sql = srv.db.sql;
    const [lead] = await sql<{ id: string }[]>`
      -- Already enriched: these tests are about whose keys a send uses, not the enrichment wait.
      insert into public.leads (account_id, phone, timezone, source, external_id, enrichment_status, enrichment_finished_at)
      values (${accountId}, ${'+1786555' + String(7000 + n)}, ${zone}, 'test', ${'pk' + n}, 'done', now()) returning id`;
    const [t] = await sql<{ id: string }[]>`
      insert into public.touch_runs (account_id, lead_id, step, channel, attempt, status, scheduled_at, payload)
      values (${accountId}, ${lead!.id}, 1, 'sms', 1, 'queued', now(), '{"delivery": {"body": "Hello from the test"}}'::jsonb)
      returning id`;
    await dispatchTouch(deps)({ touch_run_id: t!.id }, {} as JobHelpers);
    return t!.id;
  }

  beforeAll(async () => {
    restoreLog = setLogSink((line) => logs.push(line));
    twilio = await startFakeTwilio();
    twilio.setAccount(SID_A, TOKEN_A);
    twilio.setAccount(SID_B, TOKEN_B);
    slack = await startFakeSlack({ botToken: SLACK_TOKEN });
    calendly = await startFakeCalendly({ apiToken: CALENDLY_TOKEN });
    openai = await startFakeOpenAiChat(OPENAI_KEY);
    const providerEnv = {
      TWILIO_API_BASE_URL: twilio.url,
      SLACK_API_BASE_URL: `${slack.url}/api`,
      CALENDLY_API_BASE_URL: calendly.url,
      OPENAI_BASE_URL: openai.baseURL,
      PROVIDER_TIMEOUT_MS: '5000',
    };
    srv = await startConsoleServer('provider_keys', { providerEnv });
    owner = await httpLogin(srv.url, srv.users.owner);
    other = await httpLogin(srv.url, srv.users.other);
    dataDir = await mkdtemp(path.join(tmpdir(), 'revenue-os-provider-keys-'));

    const sql = srv.db.sql;
    const [z] = await sql<{ tz: string }[]>`
      select tz from unnest(array['Pacific/Honolulu', 'America/Los_Angeles', 'America/Chicago', 'America/New_York', 'America/Sao_Paulo',
        'Europe/London', 'Europe/Berlin', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Bangkok', 'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Auckland']) tz
      where extract(hour from now() at time zone tz) between 10 and 17 limit 1`;
    zone = z!.tz;
    const [c] = await sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('Env Only', 'env-only') returning id`;
    const [d] = await sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('Other Key', 'other-key') returning id`;
    accountC = c!.id;
    accountD = d!.id;
    const senders = (n: number) => ({ senders: [{ address: `+1305555${n}`, persona: 'initial' }], max_per_second: 50 });
    for (const [a, n] of [[srv.demoAccountId, 1201], [srv.otherAccountId, 1202], [accountC, 1203], [accountD, 1204]] as const) {
      await sql`update public.account_provider_settings set is_default = false where account_id = ${a} and channel = 'sms'`;
      await sql`insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
                values (${a}, 'sms', 'twilio', true, ${sql.json(senders(n))})
                on conflict (account_id, channel, provider) do update set is_default = true, config = excluded.config`;
    }
    // The environment's keys: the fake's own main account, reported ready as the worker does at start-up.
    await sql`insert into public.provider_readiness (provider, ready, detail, checked_at)
              values ('twilio', true, 'TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN set', now())
              on conflict (provider) do update set ready = true`;
    const config = loadProviderConfig({
      TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken, TWILIO_API_BASE_URL: twilio.url, DATA_DIR: dataDir,
    });
    const urls = { publicBaseUrl: 'http://127.0.0.1:9' };
    const drivers = buildDrivers(config, urls);
    workerSql = connect(srv.db.url, { max: 2, role: 'revenue_worker', applicationName: 'revenue-os-test-provider-keys-w' });
    deps = {
      sql: workerSql,
      outcomeSql: workerSql,
      drivers,
      // TTL 0: every send looks the row up again, so a change shows on the very next send.
      accountDrivers: createAccountDrivers({ sql: workerSql, keyRing: srv.keyRing, config, urls, envDrivers: drivers, ttlMs: 0 }),
      workerId: 'provider-keys-test',
      publicBaseUrl: 'http://127.0.0.1:9',
      appSecret: 'provider-keys-test-secret',
      keyRing: srv.keyRing,
      batchSize: 10,
    };
  });

  afterAll(async () => {
    restoreLog?.();
    await workerSql?.end({ timeout: 5 });
    await srv?.close();
    await Promise.all([twilio?.close(), slack?.close(), calendly?.close(), openai?.close()]);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('saves credentials per account from the settings page, shown masked', async () => {
    const a = await post(owner, '/settings/credentials/twilio', { account_sid: SID_A, auth_token: TOKEN_A });
    expect(a.status).toBe(200);
    const b = await post(other, '/settings/credentials/twilio', { account_sid: SID_B, auth_token: TOKEN_B });
    expect(b.status).toBe(200);
    const page = await (await fetch(`${srv.url}/settings`, { headers: { cookie: owner.cookie } })).text();
    expect(page).toContain('Provider credentials');
    expect(page).toContain('••••AAAA');
    expect(page).not.toContain('••••BBBB');
    for (const s of SECRETS) expect(page).not.toContain(s);
    expect(logs.filter((l) => l.includes('PROVIDER_CREDENTIALS_SAVED'))).toHaveLength(2);
  });

  it('refuses a malformed set per field, without echoing it, and saves nothing', async () => {
    const r = await post(owner, '/settings/credentials/twilio', { account_sid: 'ACnot-a-sid', auth_token: 'short' });
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(html).toContain('data-error-for="twilio.account_sid"');
    expect(html).toContain('data-error-for="twilio.auth_token"');
    expect(html).not.toContain('ACnot-a-sid');
    expect(html).toContain('••••AAAA');
  });

  it('only owners may save, test or remove credentials; a viewer still sees the page', async () => {
    const admin = await httpLogin(srv.url, srv.users.admin);
    const r = await post(admin, '/settings/credentials/twilio', { account_sid: SID_B, auth_token: TOKEN_B });
    expect(r.status).toBe(403);
    expect((await post(admin, '/settings/credentials/twilio/test')).status).toBe(403);
    expect((await post(admin, '/settings/credentials/twilio/delete')).status).toBe(403);
    const viewer = await httpLogin(srv.url, srv.users.viewer);
    const page = await fetch(`${srv.url}/settings`, { headers: { cookie: viewer.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('••••AAAA');
    expect(html).toMatch(/<fieldset disabled[^>]*>\s*<form class="credential-form" id="credentials-form-twilio"/);
  });

  it('sends each account through its own Twilio account, and one without keys through the environment', async () => {
    const ta = await touch(srv.demoAccountId, 1);
    const tb = await touch(srv.otherAccountId, 2);
    const tc = await touch(accountC, 3);
    const by = (id: string) => twilio.accepted.find((x) => x.touchRunId === id);
    expect(by(ta)?.accountSid).toBe(SID_A);
    expect(by(tb)?.accountSid).toBe(SID_B);
    expect(by(tc)?.accountSid).toBe(twilio.accountSid);
    const statuses = await srv.db.sql<{ status: string }[]>`select status from public.touch_runs where id in (${ta}, ${tb}, ${tc})`;
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('a changed token takes effect on the next send', async () => {
    twilio.setAccount(SID_A, TOKEN_A2); // Twilio rotated it: the old token is refused from now on.
    const r = await post(owner, '/settings/credentials/twilio', { account_sid: SID_A, auth_token: TOKEN_A2 });
    expect(r.status).toBe(200);
    const t = await touch(srv.demoAccountId, 4);
    const sent = twilio.accepted.find((x) => x.touchRunId === t);
    expect(sent?.accountSid).toBe(SID_A);
    const [row] = await srv.db.sql<{ status: string }[]>`select status from public.touch_runs where id = ${t}`;
    expect(row!.status).toBe('sent');
  });

  it('drivers are cached per account for the TTL, then rebuilt when the stored row changed', async () => {
    let clock = 1_000_000;
    const config = loadProviderConfig({ TWILIO_API_BASE_URL: twilio.url, DATA_DIR: dataDir });
    const cached = createAccountDrivers({ sql: workerSql, keyRing: srv.keyRing, config, urls: {}, envDrivers: deps.drivers, ttlMs: 30_000, now: () => clock });
    const first = await cached.forAccount(srv.demoAccountId, 'twilio');
    expect(first.driver && 'source' in first ? first.source : null).toBe('account');
    clock += 1000;
    expect((await cached.forAccount(srv.demoAccountId, 'twilio')).driver).toBe(first.driver);
    await srv.db.sql`update public.account_provider_credentials set updated_at = now() + interval '1 second'
                     where account_id = ${srv.demoAccountId} and provider = 'twilio'`;
    clock += 1000;
    expect((await cached.forAccount(srv.demoAccountId, 'twilio')).driver, 'within the TTL: the cached driver').toBe(first.driver);
    clock += 30_000;
    const later = await cached.forAccount(srv.demoAccountId, 'twilio');
    expect(later.driver, 'after the TTL, a changed row: a new driver').not.toBe(first.driver);
    clock += 30_000;
    expect((await cached.forAccount(srv.demoAccountId, 'twilio')).driver, 'unchanged row: the same driver').toBe(later.driver);
    expect((await cached.forAccount(accountC, 'twilio')).driver).toBe(deps.drivers.get('twilio'));
  });

  it('a stored row that does not open is not sent with other keys: credentials_unreadable', async () => {
    const stranger = keyRingOf(parseMasterKey(generateMasterKey(), 'another key'));
    await srv.db.sql.begin((tx) => saveCredentials(tx, stranger, accountD, 'twilio', { account_sid: SID_B, auth_token: TOKEN_B }));
    const before = twilio.accepted.length;
    const t = await touch(accountD, 5);
    expect(twilio.accepted.length).toBe(before);
    const [row] = await srv.db.sql<{ status: string; error_code: string | null }[]>`select status, error_code from public.touch_runs where id = ${t}`;
    expect(row!.error_code).toBe('credentials_unreadable');
    expect(row!.status).toBe('failed');
    // The lead's timeline says why.
    const events = await srv.db.sql<{ event_type: string; code: string | null }[]>`
      select e.event_type, e.payload ->> 'error_code' as code from public.core_memory_events e
      join public.touch_runs t on t.lead_id = e.lead_id where t.id = ${t} and e.event_type = 'touch_failed'`;
    expect(events).toEqual([{ event_type: 'touch_failed', code: 'credentials_unreadable' }]);
  });

  it('Test connection asks each provider with the stored credentials and records the answer in words', async () => {
    const ok = await (await post(owner, '/settings/credentials/twilio/test')).text();
    expect(ok).toContain('Twilio accepted the credentials');
    const [v] = await srv.db.sql<{ verify_ok: boolean; verify_detail: string }[]>`
      select verify_ok, verify_detail from public.account_provider_credentials where account_id = ${srv.demoAccountId} and provider = 'twilio'`;
    expect(v!.verify_ok).toBe(true);
    expect(twilio.requests.some((r) => r.method === 'GET' && r.path === `/2010-04-01/Accounts/${SID_A}.json` && r.authenticated)).toBe(true);

    // Refused: a well-formed but wrong token.
    await post(other, '/settings/credentials/twilio', { account_sid: SID_B, auth_token: WRONG_TOKEN });
    const refused = await (await post(other, '/settings/credentials/twilio/test')).text();
    expect(refused).toContain('Twilio refused these credentials (HTTP 401');
    const [w] = await srv.db.sql<{ verify_ok: boolean }[]>`
      select verify_ok from public.account_provider_credentials where account_id = ${srv.otherAccountId} and provider = 'twilio'`;
    expect(w!.verify_ok).toBe(false);
    // Refused stored keys make the channel not ready for that account only.
    const [ready] = await srv.db.sql<{ a: boolean; b: boolean }[]>`
      select brain.channel_ready(${srv.demoAccountId}, 'sms') as a, brain.channel_ready(${srv.otherAccountId}, 'sms') as b`;
    expect(ready).toEqual({ a: true, b: false });

    for (const [p, good, field, okText, badText] of [
      ['slack', SLACK_TOKEN, 'bot_token', 'Slack accepted the bot token for workspace Fake Dealer', 'Slack refused the bot token (invalid_auth)'],
      ['calendly', CALENDLY_TOKEN, 'api_token', 'Calendly accepted the token', 'Calendly refused these credentials (HTTP 401)'],
    ] as const) {
      expect((await post(owner, `/settings/credentials/${p}`, { [field]: good })).status).toBe(200);
      expect(await (await post(owner, `/settings/credentials/${p}/test`)).text()).toContain(okText);
      const wrong = p === 'slack' ? 'xoxb-0000000000-0000000000-wrongWrongWWWW' : 'calendly-wrong-token-0123456789-WWWW';
      expect((await post(owner, `/settings/credentials/${p}`, { [field]: wrong })).status).toBe(200);
      expect(await (await post(owner, `/settings/credentials/${p}/test`)).text()).toContain(badText);
      const [r] = await srv.db.sql<{ verify_ok: boolean; verify_detail: string }[]>`
        select verify_ok, verify_detail from public.account_provider_credentials where account_id = ${srv.demoAccountId} and provider = ${p}`;
      expect(r!.verify_ok).toBe(false);
      expect(r!.verify_detail).toBe(`${badText}.`);
    }
    expect(logs.filter((l) => l.includes('PROVIDER_CREDENTIALS_TESTED') && l.includes('"ok":false')).length).toBeGreaterThanOrEqual(3);
  });

  it('Remove deletes the row; the account falls back to the environment', async () => {
    const r = await (await post(other, '/settings/credentials/twilio/delete')).text();
    expect(r).toContain('Twilio credentials removed');
    const t = await touch(srv.otherAccountId, 6);
    expect(twilio.accepted.find((x) => x.touchRunId === t)?.accountSid).toBe(twilio.accountSid);
  });

  it("Command OS asks OpenAI with the account's own key; an account without one (and no env key) stays on rules", async () => {
    const ask = (who: { cookie: string; csrf: string }) =>
      fetch(`${srv.url}/api/command-os`, {
        method: 'POST',
        headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, origin: srv.url, 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'zzz qqq something no rule knows' }),
      });
    expect((await ask(other)).status).toBe(200);
    expect(openai.requests).toHaveLength(0);
    expect((await post(owner, '/settings/credentials/openai', { api_key: OPENAI_KEY })).status).toBe(200);
    expect((await ask(owner)).status).toBe(200);
    expect(openai.requests.length).toBeGreaterThan(0);
    expect(openai.requests.every((r) => r.authenticated)).toBe(true);
  });

  it('no secret is in the logs, the page or the database in clear', async () => {
    const joined = logs.join('\n');
    for (const s of SECRETS) expect(joined).not.toContain(s);
    const page = await (await fetch(`${srv.url}/settings`, { headers: { cookie: owner.cookie } })).text();
    for (const s of SECRETS) expect(page).not.toContain(s);
    const tables = await srv.db.sql<{ name: string }[]>`
      select format('%I.%I', table_schema, table_name) as name from information_schema.tables
      where table_schema in ('public', 'brain', 'private', 'graphile_worker') and table_type = 'BASE TABLE'`;
    expect(tables.length).toBeGreaterThan(10);
    for (const { name } of tables) {
      const [dump] = await srv.db.sql.unsafe<{ text: string | null }[]>(`select string_agg(t::text, E'\\n') as text from ${name} t`);
      for (const s of SECRETS) expect(dump!.text ?? '', `${name} holds a secret in clear`).not.toContain(s);
    }
  });
});

describe('Test connection for Telnyx, Elastic Email and OpenAI (their reads, on one small fake)', () => {
  const KEY = 'right-key-0123456789abcdef-RRRR';
  let fake: Awaited<ReturnType<typeof startFake>>;
  beforeAll(async () => {
    const ok = (body: unknown) => ({ response: { status: 200, body } });
    fake = await startFake({
      secretHeaders: ['x-elasticemail-apikey'],
      authorize: (h) =>
        h.authorization === `Bearer ${KEY}` || h['x-elasticemail-apikey'] === KEY ? null : { status: 401, body: { error: { message: 'bad key' } } },
      notFound: () => ({ status: 404, body: {} }),
      errorBody: () => ({}),
      serverErrorBody: {},
      routes: [
        { method: 'GET', pattern: /^\/v2\/balance$/, send: false, handle: () => ok({ data: { balance: '10.00', currency: 'USD', record_type: 'balance' } }) },
        { method: 'GET', pattern: /^\/v4\/statistics$/, send: false, handle: () => ok({ Recipients: 0, EmailTotal: 0 }) },
        { method: 'GET', pattern: /^\/v1\/models$/, send: false, handle: () => ok({ object: 'list', data: [{ id: 'gpt-4.1-mini', object: 'model', created: 0, owned_by: 'openai' }] }) },
      ],
    });
  });
  afterAll(async () => fake?.close());

  it('answers accepted with the right key and refused (401) with a wrong one', async () => {
    const config = loadProviderConfig({
      TELNYX_API_BASE_URL: fake.url, ELASTIC_EMAIL_API_BASE_URL: fake.url, OPENAI_BASE_URL: `${fake.url}/v1`, PROVIDER_TIMEOUT_MS: '3000',
    });
    const cases = [
      ['telnyx', (k: string) => ({ api_key: k }), 'Telnyx accepted the API key'],
      ['elastic_email', (k: string) => ({ api_key: k, from: 'sales@dealer.example.com' }), 'Elastic Email accepted the API key'],
      ['openai', (k: string) => ({ api_key: k }), 'OpenAI accepted the API key (1 models listed)'],
    ] as const;
    for (const [p, creds, okText] of cases) {
      const good = await verifyCredentials(p, creds(KEY) as never, config);
      expect(good, p).toEqual({ ok: true, detail: expect.stringContaining(okText) });
      const bad = await verifyCredentials(p, creds('wrong-key-0123456789abcdef-XXXX') as never, config);
      expect(bad.ok, p).toBe(false);
      expect(bad.detail, p).toMatch(/refused these credentials \(HTTP 401/);
      expect(bad.detail).not.toContain('wrong-key');
    }
  });

  it('a provider that does not answer in time is reported, not hung on', async () => {
    fake.setFaults({ delayMs: 1500, includeReads: true, rejectWith: { status: 500, code: 'x', message: 'x' } });
    const config = loadProviderConfig({ ELASTIC_EMAIL_API_BASE_URL: fake.url, PROVIDER_TIMEOUT_MS: '300' });
    const r = await verifyCredentials('elastic_email', { api_key: KEY, from: 'sales@dealer.example.com' }, config);
    fake.setFaults(null);
    expect(r).toEqual({ ok: false, detail: 'Elastic Email did not answer within 300 ms.' });
  });
});
