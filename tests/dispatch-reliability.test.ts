/**
 * Never twice: three worker processes drain 500 touches whose jobs are queued
 * several times over (also while running), one worker is killed with SIGKILL
 * mid-send, and the fake Twilio answers 500 after accepting some sends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../db/build.ts';
import { startFakeTwilio, type FakeTwilio } from './fakes/index.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';
import { handleSpawnErrors } from './harness/process.ts';

const TOUCHES = 500;
const SUPPRESSED = 30;
const OUTSIDE_WINDOW = 30;

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('dispatch under duplicate jobs, a killed worker and provider faults', () => {
  let db: TestDatabase;
  let twilio: FakeTwilio;
  let dataDir: string;
  const workers: ChildProcess[] = [];
  const output: string[] = [];

  beforeAll(async () => {
    db = await cloneTemplate('reliability');
    twilio = await startFakeTwilio();
    dataDir = await mkdtemp(path.join(tmpdir(), 'revenue-os-reliability-'));
  });

  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await twilio.close();
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends each touch at most once, never to a suppressed lead or outside its window', async () => {
    const { sql } = db;
    // Zones where it is now mid-day, and where it is now night.
    const [zones] = await sql<{ inside: string; outside: string }[]>`
      with z as (select unnest(array['Pacific/Honolulu', 'America/Los_Angeles', 'America/Chicago', 'America/New_York',
                                     'America/Sao_Paulo', 'Europe/London', 'Europe/Berlin', 'Asia/Dubai',
                                     'Asia/Kolkata', 'Asia/Bangkok', 'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Auckland']) tz)
      select (select tz from z where extract(hour from now() at time zone tz) between 9 and 18 limit 1) as inside,
             (select tz from z where extract(hour from now() at time zone tz) in (22, 23, 0, 1, 2, 3, 4, 5) limit 1) as outside`;
    const [account] = await sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('Reliability', 'reliability') returning id`;
    const a = account!.id;
    const senders = Array.from({ length: 20 }, (_, i) => ({ address: `+1305555${String(1100 + i)}`, persona: 'initial' }));
    await sql`insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
              values (${a}, 'sms', 'twilio', true, ${sql.json({ senders, max_per_second: 50 })})`;
    const leads = await sql<{ id: string; i: number }[]>`
      insert into public.leads (account_id, phone, timezone, source, external_id)
      select ${a}, '+1786555' || lpad(i::text, 4, '0'),
             case when i <= ${OUTSIDE_WINDOW} then ${zones!.outside} else ${zones!.inside} end,
             'test', 'r' || i
      from generate_series(1, ${TOUCHES}::int) i
      returning id, external_id::text as i`;
    const ids = leads.map((l) => l.id);
    // Leads 31..60 said STOP before anything was claimed.
    await sql`insert into public.core_memory_events (account_id, lead_id, event_type, event_source, channel, direction)
              select ${a}, id, 'opt_out', 'test', 'sms', 'inbound' from public.leads
              where account_id = ${a} and external_id in (select 'r' || i from generate_series(${OUTSIDE_WINDOW + 1}::int, ${OUTSIDE_WINDOW + SUPPRESSED}::int) i)`;
    await sql`insert into public.touch_runs (account_id, lead_id, step, channel, attempt, status, scheduled_at, payload)
              select ${a}, l, 1, 'sms', 1, 'queued', now(), '{"delivery": {"body": "Hi {{first_name|there}}"}}'::jsonb
              from unnest(${ids}::uuid[]) l`;
    // Every touch queued twice more, as plain jobs without the key.
    await sql`select graphile_worker.add_job('dispatch_touch', json_build_object('touch_run_id', t.id))
              from public.touch_runs t, generate_series(1, 2) where t.account_id = ${a}`;

    twilio.setFaults({ failAfterAcceptRate: 0.05, delayMs: 20, seed: 42 });
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_API_BASE_URL: twilio.url,
      PUBLIC_BASE_URL: 'http://127.0.0.1:9',
      APP_SECRET: 'reliability-test-secret',
      DATA_DIR: dataDir,
      WORKER_CONCURRENCY: '4',
      WORKER_CRONTAB: 'off',
      LOG_LEVEL: 'warn',
    };
    for (let w = 0; w < 3; w++) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      handleSpawnErrors(child, (line) => output.push(line), `worker ${w}`);
      child.stdout!.on('data', (d: Buffer) => output.push(`[w${w}] ${d.toString()}`));
      child.stderr!.on('data', (d: Buffer) => output.push(`[w${w}] ${d.toString()}`));
      workers.push(child);
    }

    // More copies of random touches' jobs while they run.
    let enqueuing = true;
    const enqueuer = (async () => {
      while (enqueuing) {
        await sql`select graphile_worker.add_job('dispatch_touch', json_build_object('touch_run_id', id))
                  from public.touch_runs where account_id = ${a} order by random() limit 20`;
        await new Promise((r) => setTimeout(r, 25));
      }
    })();

    // Once sends are flowing, slow the provider so worker 0 has sends in flight, and kill it.
    await until(async () => twilio.accepted.length >= 100, 60_000, '100 accepted sends');
    twilio.setFaults({ failAfterAcceptRate: 0.05, delayMs: 1500, seed: 43, times: 12 });
    await new Promise((r) => setTimeout(r, 400));
    workers[0]!.kill('SIGKILL');
    twilio.setFaults({ failAfterAcceptRate: 0.05, delayMs: 20, seed: 44 });

    const open = async () => {
      const [r] = await sql<{ n: number }[]>`
        select count(*)::int as n from public.touch_runs where account_id = ${a} and step = 1 and status = 'queued'`;
      return r!.n;
    };
    await until(async () => (await open()) === 0, 60_000, 'the queued touches to drain');
    enqueuing = false;
    await enqueuer;

    // The dead worker's jobs stay locked; release them as graphile-worker would after its
    // lock timeout. The live workers retry them and find their touches still "sending".
    await until(async () => {
      const [r] = await sql<{ n: number }[]>`
        select count(*)::int as n from graphile_worker.jobs where locked_at is null and run_at <= now()`;
      return r!.n === 0;
    }, 60_000, 'unlocked jobs to finish');
    await sql`select graphile_worker.force_unlock_workers(array(
                select distinct locked_by from graphile_worker._private_jobs where locked_by is not null))`;
    await until(async () => {
      const [r] = await sql<{ n: number }[]>`
        select count(*)::int as n from public.touch_runs where account_id = ${a} and step = 1 and status = 'sending'`;
      return r!.n === 0;
    }, 60_000, 'no touch left sending');
    for (const w of workers.slice(1)) w.kill('SIGTERM');

    const touches = await sql<{ id: string; status: string; error_code: string | null; n: number; send_key: string | null }[]>`
      select t.id, t.status, t.error_code, l.external_id as n, t.send_key
      from public.touch_runs t join public.leads l on l.id = t.lead_id
      where t.account_id = ${a} and t.step = 1`;
    const byStatus = (s: string) => touches.filter((t) => t.status === s);
    const lead = (t: { n: unknown }) => Number(String(t.n).slice(1));
    const acceptedKeys = twilio.accepted.map((x) => x.sendKey);
    const acceptedTouches = new Set(twilio.accepted.map((x) => x.touchRunId));

    // Every touch is final: sent, failed or unknown; canceled (suppressed) or waiting for its window.
    expect(touches).toHaveLength(TOUCHES);
    expect(touches.filter((t) => !['sent', 'failed', 'unknown', 'canceled', 'scheduled'].includes(t.status))).toEqual([]);
    // Zero duplicate accepts at the provider for any send_key.
    expect(twilio.duplicateSendKeys()).toEqual([]);
    expect(new Set(acceptedKeys).size).toBe(acceptedKeys.length);
    expect(acceptedKeys.every((k) => k !== null)).toBe(true);
    // Nothing reached a lead that said STOP before the claim, or outside its window.
    const suppressed = touches.filter((t) => lead(t) > OUTSIDE_WINDOW && lead(t) <= OUTSIDE_WINDOW + SUPPRESSED);
    expect(suppressed.map((t) => `${t.status}:${t.error_code}`)).toEqual(Array(SUPPRESSED).fill('canceled:suppressed'));
    const outside = touches.filter((t) => lead(t) <= OUTSIDE_WINDOW);
    expect(outside.every((t) => t.status === 'scheduled')).toBe(true);
    expect([...suppressed, ...outside].filter((t) => acceptedTouches.has(t.id))).toEqual([]);
    // Every sent touch was accepted exactly once; every accept belongs to a sent or unknown touch.
    const sent = byStatus('sent');
    expect(sent.length).toBeGreaterThan(300);
    expect(sent.filter((t) => acceptedKeys.filter((k) => k === t.send_key).length !== 1)).toEqual([]);
    const statusOf = new Map(touches.map((t) => [t.id, t.status]));
    expect(twilio.accepted.filter((x) => !['sent', 'unknown'].includes(statusOf.get(x.touchRunId!) ?? 'none'))).toEqual([]);
    // 500-after-accept answers and the killed worker's sends end unknown, not re-sent.
    const unknown = byStatus('unknown');
    expect(unknown.filter((t) => t.error_code === 'worker_lost').length).toBeGreaterThanOrEqual(1);
    expect(unknown.length).toBeGreaterThanOrEqual(5);
    // One outbound message and at most one outcome event per touch.
    const [counts] = await sql<{ messages: number; touches_with_messages: number; max_events: number }[]>`
      select (select count(*)::int from public.outbound_messages where account_id = ${a}) as messages,
             (select count(distinct touch_run_id)::int from public.outbound_messages where account_id = ${a}) as touches_with_messages,
             (select coalesce(max(n), 0)::int from (
                select count(*) as n from public.core_memory_events
                where account_id = ${a} and event_type in ('touch_sent', 'touch_failed')
                group by payload ->> 'touch_run_id') e) as max_events`;
    expect(counts!.messages).toBe(counts!.touches_with_messages);
    expect(counts!.max_events).toBe(1);
    const summary = ['sent', 'failed', 'unknown', 'canceled', 'scheduled'].map((s) => `${s} ${byStatus(s).length}`).join(', ');
    console.log(`reliability: ${summary}; worker_lost ${unknown.filter((t) => t.error_code === 'worker_lost').length}; ` +
      `provider accepts ${twilio.accepted.length}, duplicate send keys ${twilio.duplicateSendKeys().length}; ` +
      `provider requests ${twilio.requests.length}`);
  }, 120_000);
});
