/**
 * Consent end to end (issue 13): a lead is mid-campaign with later SMS and voice
 * steps coming due on a running worker process (real graphile-worker, the real
 * Twilio driver against the fake Twilio on 127.0.0.1). A signed Twilio webhook
 * says "Please stop texting me". The fake provider then receives exactly one
 * message for that number, the confirmation, and nothing after it: no later
 * step, no call, no touch planned after the reply, no second confirmation for
 * a replay or a second STOP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../db/client.ts';
import { ROOT } from '../db/build.ts';
import { startFakeTwilio, type FakeTwilio } from './fakes/index.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';
import { startConsoleServer, httpLogin, type ConsoleServer } from './harness/console.ts';
import { INTERNAL_BASE, NUMBERS, setupInbound, twilioRequest, type InboundSetup } from './harness/inbound.ts';

const LEAD_PHONE = '+13055557001';

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a revocation in words, against a running worker', () => {
  let db: TestDatabase;
  let ingestSql: Sql;
  let twilio: FakeTwilio;
  let inbound: InboundSetup;
  let dataDir: string;
  let worker: ChildProcess | null = null;
  const output: string[] = [];

  beforeAll(async () => {
    db = await cloneTemplate('consent');
    ingestSql = connect(db.url, { max: 2, role: 'revenue_ingest', applicationName: 'revenue-os-test-consent-webhook' });
    twilio = await startFakeTwilio();
    inbound = await setupInbound(db.sql, ingestSql);
    dataDir = await mkdtemp(path.join(tmpdir(), 'revenue-os-consent-'));
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await twilio?.close();
    await ingestSql?.end({ timeout: 5 });
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const toLead = () => twilio.accepted.filter((x) => x.to === LEAD_PHONE || x.to === `whatsapp:${LEAD_PHONE}`);

  async function webhook(messageSid: string, body: string): Promise<Response> {
    const req = twilioRequest('/webhooks/twilio/messages', { MessageSid: messageSid, From: LEAD_PHONE, To: NUMBERS.A_SMS, Body: body });
    return inbound.app.request(`${INTERNAL_BASE}${req.path}`, req.init);
  }

  it('sends exactly one confirmation and nothing else to the number', async () => {
    const { sql } = db;
    const a = inbound.accountA;
    // A zone where it is now within the 08:00–20:00 send window.
    const [zone] = await sql<{ tz: string }[]>`
      select tz from unnest(array['Pacific/Honolulu', 'America/Los_Angeles', 'America/Chicago', 'America/New_York',
                                  'America/Sao_Paulo', 'Europe/London', 'Europe/Berlin', 'Asia/Dubai', 'Asia/Kolkata',
                                  'Asia/Bangkok', 'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Auckland']) tz
      where extract(hour from now() at time zone tz) between 9 and 18 limit 1`;
    await sql`update public.account_provider_settings set config = config || '{"max_per_second": 20}'::jsonb
              where account_id = ${a} and channel in ('sms', 'voice')`;
    const [lead] = await sql<{ id: string }[]>`
      insert into public.leads (account_id, phone, email, timezone, lead_state, source, external_id)
      values (${a}, ${LEAD_PHONE}, 'lead@example.com', ${zone!.tz}, 'touched', 'test', 'consent-1') returning id`;
    const l = lead!.id;
    const [c1] = await sql<{ id: string }[]>`select tests.create_campaign(${a}) as id`;
    const [c2] = await sql<{ id: string }[]>`select tests.create_campaign(${a}) as id`;
    for (const [campaign, step, channel] of [[c1!.id, 1, 'sms'], [c1!.id, 2, 'sms'], [c1!.id, 3, 'voice'], [c2!.id, 1, 'sms']] as const) {
      await sql`select tests.create_step(${a}, ${campaign}, ${step}, ${channel})`;
    }
    await sql`select tests.enroll(${a}, ${c1!.id}, ${l}, now() + interval '1 hour', 2)`;
    await sql`select tests.enroll(${a}, ${c2!.id}, ${l}, now() + interval '1 hour')`;
    // Step 1 goes now; steps 2 (SMS) and 3 (voice) are planned for later.
    await sql`
      insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, payload)
      values (${a}, ${l}, ${c1!.id}, 1, 'sms', 1, 'queued', now(), '{"delivery": {"body": "Step one"}}'),
             (${a}, ${l}, ${c1!.id}, 2, 'sms', 1, 'scheduled', now() + interval '1 hour', '{"delivery": {"body": "Step two"}}'),
             (${a}, ${l}, ${c1!.id}, 3, 'voice', 1, 'scheduled', now() + interval '1 hour', '{"delivery": {"body": "Step three"}}')`;

    worker = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        TWILIO_ACCOUNT_SID: twilio.accountSid,
        TWILIO_AUTH_TOKEN: twilio.authToken,
        TWILIO_API_BASE_URL: twilio.url,
        PUBLIC_BASE_URL: 'http://127.0.0.1:9',
        APP_SECRET: 'consent-test-secret-0123456789',
        DATA_DIR: dataDir,
        WORKER_CONCURRENCY: '2',
        WORKER_CRONTAB: 'off',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
    worker.stderr!.on('data', (d: Buffer) => output.push(d.toString()));

    // The worker really sends to this number: step 1 arrives.
    await until(async () => toLead().length === 1, 30_000, 'step 1 at the fake Twilio');
    expect(toLead()[0]!.body).toBe('Step one');

    // Steps 2 and 3 come due a few seconds after the reply (their jobs move with them).
    await sql`update public.touch_runs set scheduled_at = now() + (step * interval '2 seconds')
              where lead_id = ${l} and step in (2, 3)`;
    const before = toLead().length;
    const res = await webhook('SM' + 'c0'.repeat(16), 'Please stop texting me');
    expect(res.status).toBe(200);
    const stopAt = Date.now();
    // Receipts-first ingest: the 200 means the reply is stored; the worker's consent pre-pass
    // suppresses the number and its drain applies the rest. Wait for both, as the worker would do them.
    await until(async () => {
      const [r] = await sql<{ suppressed: boolean; processed: boolean }[]>`
        select exists (select 1 from public.suppressions where account_id = ${a} and phone = ${LEAD_PHONE} and lifted_at is null) as suppressed,
               exists (select 1 from public.webhook_receipts where provider = 'twilio' and idempotency_key = ${'message:SM' + 'c0'.repeat(16)}
                       and processed_at is not null) as processed`;
      return r!.suppressed && r!.processed;
    }, 30_000, 'the worker to apply the STOP');
    // A touch planned after the reply was applied (an orchestrator racing it), due at once.
    const [late] = await sql<{ id: string }[]>`
      insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, payload)
      values (${a}, ${l}, ${c2!.id}, 1, 'sms', 1, 'queued', now(), '{"delivery": {"body": "Other campaign"}}') returning id`;
    // The cadence runs too; it must not bring the lead back.
    await sql`select graphile_worker.add_job('touch_orchestrator', '{}'::json)`;

    await until(async () => {
      const [r] = await sql<{ status: string }[]>`select status from public.touch_runs where id = ${late!.id}`;
      return r!.status === 'canceled';
    }, 30_000, 'the late touch to be claimed');

    // A replay of the same webhook and a second STOP: no second confirmation.
    expect((await webhook('SM' + 'c0'.repeat(16), 'Please stop texting me')).status).toBe(200);
    expect((await webhook('SM' + 'c1'.repeat(16), 'STOP')).status).toBe(200);

    // Every touch of the lead is final, and the later steps' due times have passed.
    await until(async () => {
      const [r] = await sql<{ open: number }[]>`
        select count(*)::int as open from public.touch_runs where lead_id = ${l} and status in ('scheduled', 'queued', 'sending')`;
      return r!.open === 0 && Date.now() > stopAt + 8_000;
    }, 45_000, 'every touch of the lead to be final');
    await new Promise((r) => setTimeout(r, 1000));

    const after = toLead().slice(before);
    expect(after.map((m) => m.resource)).toEqual(['message']);
    expect(after[0]!.body).toMatch(/^Acme Motors: you are unsubscribed/);
    expect(twilio.accepted.filter((x) => x.resource === 'call')).toEqual([]);

    const touches = await sql<{ id: string; step: number; channel: string; status: string; error_code: string | null; source: string | null }[]>`
      select id, step, channel, status, error_code, payload -> 'meta' ->> 'source' as source
      from public.touch_runs where lead_id = ${l} order by created_at, step`;
    expect(touches.filter((t) => t.status === 'sent').map((t) => t.source ?? `step ${t.step}`)).toEqual(['step 1', 'opt_out_confirmation']);
    expect(touches.find((t) => t.step === 2)?.error_code).toBe('opt_out');
    expect(touches.find((t) => t.step === 3)?.error_code).toBe('opt_out');
    expect(touches.find((t) => t.id === late!.id)).toMatchObject({ status: 'canceled', error_code: 'channel_suppressed' });
    const [inboundRow] = await sql<{ n: number; keywords: string[] }[]>`
      select count(*)::int as n, array_agg(keyword order by received_at) as keywords from public.inbound_messages where lead_id = ${l}`;
    expect(inboundRow).toEqual({ n: 2, keywords: ['opt_out', 'opt_out'] });
  }, 90_000);
});

describe('the lead page shows consent facts', () => {
  let srv: ConsoleServer;
  let cookie: string;

  beforeAll(async () => {
    srv = await startConsoleServer('consent-console');
    cookie = (await httpLogin(srv.url, srv.users.setter)).cookie;
  });

  afterAll(async () => {
    await srv?.close();
  });

  it('marks a consent review and a phone that is not the lead’s, and nothing on a clean lead', async () => {
    const [marked] = await srv.db.sql<{ id: string }[]>`
      insert into public.leads (account_id, first_name, phone, source, consent_review_at, consent_review_rule, phone_wrong_number_at)
      values (${srv.demoAccountId}, 'Marked', '+13055557002', 'test', now(), 'fcc_word:stop', now()) returning id`;
    const [clean] = await srv.db.sql<{ id: string }[]>`
      insert into public.leads (account_id, first_name, phone, source) values (${srv.demoAccountId}, 'Clean', '+13055557003', 'test') returning id`;
    const page = await (await fetch(`${srv.url}/leads/${marked!.id}`, { headers: { cookie } })).text();
    expect(page).toContain('id="consent-review"');
    expect(page).toContain('fcc_word:stop');
    expect(page).toContain('id="phone-not-theirs"');
    const cleanPage = await (await fetch(`${srv.url}/leads/${clean!.id}`, { headers: { cookie } })).text();
    expect(cleanPage).toContain('Clean');
    expect(cleanPage).not.toContain('id="consent-review"');
    expect(cleanPage).not.toContain('id="phone-not-theirs"');
    // A setter sees the lift form read-only (lifting is for an owner or admin), and the server refuses it.
    expect(page).toMatch(/<fieldset disabled[^>]*>\s*<form id="lift-consent"/);
    const setter = await httpLogin(srv.url, srv.users.setter);
    const refused = await fetch(`${srv.url}/leads/${marked!.id}/lift-consent`, {
      method: 'POST',
      headers: { cookie: setter.cookie, 'x-csrf-token': setter.csrf, 'hx-request': 'true', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ reason: 'a setter tries anyway' }),
    });
    expect(refused.status).toBe(403);
    const [still] = await srv.db.sql<{ review: Date | null }[]>`select consent_review_at as review from public.leads where id = ${marked!.id}`;
    expect(still!.review).not.toBeNull();
  });

  it('an owner lifts a revocation only with a reason, and the timeline keeps it', async () => {
    const owner = await httpLogin(srv.url, srv.users.owner);
    const [lead] = await srv.db.sql<{ id: string }[]>`
      insert into public.leads (account_id, first_name, phone, source, consent_review_at, consent_review_rule)
      values (${srv.demoAccountId}, 'Revoked', '+13055557004', 'test', now(), 'en_phrase:stop texting') returning id`;
    await srv.db.sql`
      insert into public.suppressions (account_id, lead_id, phone, channel, reason, source)
      select ${srv.demoAccountId}, ${lead!.id}, '+13055557004', c, 'opt_out_keyword', 'inbound'
      from unnest(array['sms', 'whatsapp', 'voice']) c`;
    const page = await (await fetch(`${srv.url}/leads/${lead!.id}`, { headers: { cookie: owner.cookie } })).text();
    expect(page).toContain('id="lift-consent"');

    const post = (reason: string) =>
      fetch(`${srv.url}/leads/${lead!.id}/lift-consent`, {
        method: 'POST',
        headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'hx-request': 'true', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ reason }),
      });
    const refused = await post('  ');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('only with a reason');
    const [still] = await srv.db.sql<{ n: number }[]>`
      select count(*)::int as n from public.suppressions where lead_id = ${lead!.id} and lifted_at is null`;
    expect(still!.n).toBe(3);

    const lifted = await post('The lead called and asked to be texted again');
    expect(lifted.status).toBe(200);
    expect(await lifted.text()).toContain('Revocation lifted (3 suppressions)');
    const [after] = await srv.db.sql<{ n: number; review: Date | null }[]>`
      select (select count(*)::int from public.suppressions where lead_id = ${lead!.id} and lifted_at is null) as n,
             (select consent_review_at from public.leads where id = ${lead!.id}) as review`;
    expect(after).toEqual({ n: 0, review: null });
    const [event] = await srv.db.sql<{ reason: string; actor: string }[]>`
      select payload ->> 'reason' as reason, payload ->> 'actor' as actor
      from public.core_memory_events where lead_id = ${lead!.id} and event_type = 'consent_lifted'`;
    expect(event).toEqual({ reason: 'The lead called and asked to be texted again', actor: `console:${srv.users.owner}` });
  });
});
