/**
 * Never twice, never dropped: three worker processes (separate OS processes, separate
 * pools) drain 500 touches through batched dispatch (dispatch_touches: a batch claimed
 * in one transaction, sent concurrently, recorded in one), while extra batch jobs and
 * single-touch jobs for the same touches are queued over and over; one worker is
 * killed with SIGKILL mid-batch, and the fake Twilio answers 500 after accepting some sends.
 * With no manual step, the killed worker is declared dead (heartbeats), its job
 * locks are freed, its in-doubt touches are reconciled, and those the provider
 * never received are sent again once, under a new attempt and send_key. No sender
 * ever starts more than max_per_second sends in any 1-second window.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ROOT } from '../db/build.ts';
import { generateMasterKey } from '../lib/secrets.ts';
import { startFakeTwilio, type FakeTwilio } from './fakes/index.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';
import { handleSpawnErrors } from './harness/process.ts';

const TOUCHES = 500;
const SUPPRESSED = 30;
const OUTSIDE_WINDOW = 30;
const MAX_PER_SECOND = 5;
const HEARTBEAT_MS = 500;
const DEAD_AFTER_MS = 4000;

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
    // On a failure, the workers' last lines say what they were doing.
    onTestFailed(() => console.log(output.join('').split('\n').slice(-40).join('\n')));
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
              values (${a}, 'sms', 'twilio', true, ${sql.json({ senders, max_per_second: MAX_PER_SECOND })})`;
    const leads = await sql<{ id: string; i: number }[]>`
      -- Enriched already (issue 19): a pending lead's touches would wait for its enrichment.
      insert into public.leads (account_id, phone, timezone, source, external_id, enrichment_status, enrichment_finished_at)
      select ${a}, '+1786555' || lpad(i::text, 4, '0'),
             case when i <= ${OUTSIDE_WINDOW} then ${zones!.outside} else ${zones!.inside} end,
             'test', 'r' || i, 'done', now()
      from generate_series(1, ${TOUCHES}::int) i
      returning id, external_id::text as i`;
    const ids = leads.map((l) => l.id);
    // Leads 31..60 said STOP before anything was claimed.
    await sql`insert into public.core_memory_events (account_id, lead_id, event_type, event_source, channel, direction)
              select ${a}, id, 'opt_out', 'test', 'sms', 'inbound' from public.leads
              where account_id = ${a} and external_id in (select 'r' || i from generate_series(${OUTSIDE_WINDOW + 1}::int, ${OUTSIDE_WINDOW + SUPPRESSED}::int) i)`;
    twilio.setFaults({ failAfterAcceptRate: 0.05, delayMs: 20, seed: 42 });
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_API_BASE_URL: twilio.url,
      PUBLIC_BASE_URL: 'http://127.0.0.1:9',
      APP_SECRET: 'reliability-test-secret',
      // One key for the three processes, as the README asks of several processes on one
      // database: without it each generates DATA_DIR/master-key, and all but one fail (EEXIST).
      REVENUE_OS_MASTER_KEY: generateMasterKey(),
      DATA_DIR: dataDir,
      WORKER_CONCURRENCY: '4',
      DISPATCH_BATCH_SIZE: '20',
      WORKER_CRONTAB: 'off',
      WORKER_HEARTBEAT_MS: String(HEARTBEAT_MS),
      WORKER_DEAD_AFTER_MS: String(DEAD_AFTER_MS),
      LOG_LEVEL: 'warn',
    };
    for (let w = 0; w < 3; w++) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      handleSpawnErrors(child, (line) => output.push(line), `worker ${w}`);
      child.stdout!.on('data', (d: Buffer) => output.push(`[w${w}] ${d.toString()}`));
      child.stderr!.on('data', (d: Buffer) => output.push(`[w${w}] ${d.toString()}`));
      workers.push(child);
    }
    // All three are up (a heartbeat naming each one's pool and 4 workers) before any touch
    // exists: a process that starts slowly on a busy machine still takes part from the start.
    await until(async () => {
      const [r] = await sql<{ n: number }[]>`
        select count(*)::int as n from public.worker_heartbeats
        where pid = any(${workers.map((w) => w.pid!)}::int[]) and cardinality(job_worker_ids) >= 5`;
      return r!.n === 3;
    }, 90_000, 'three worker processes with their heartbeats');
    // The insert wakes batched dispatch: a few dispatch_touches jobs for the account, not one
    // per touch (counted inside the inserting transaction, before any worker can run them).
    const [woken] = await sql.begin(async (tx) => {
      await tx`insert into public.touch_runs (account_id, lead_id, step, channel, attempt, status, scheduled_at, payload)
               select ${a}, l, 1, 'sms', 1, 'queued', now(), '{"delivery": {"body": "Hi {{first_name|there}}"}}'::jsonb
               from unnest(${ids}::uuid[]) l`;
      return tx<{ batches: number; singles: number }[]>`
        select count(*) filter (where task_identifier = 'dispatch_touches')::int as batches,
               count(*) filter (where task_identifier = 'dispatch_touch')::int as singles
        from graphile_worker.jobs`;
    });
    expect(woken!.singles).toBe(0);
    expect(woken!.batches).toBeGreaterThanOrEqual(1);
    expect(woken!.batches).toBeLessThanOrEqual(5);
    // Every touch queued twice more, as plain single-touch jobs without the key, and the
    // account's batch job three times more: the same touches are claimed from every side.
    await sql`select graphile_worker.add_job('dispatch_touch', json_build_object('touch_run_id', t.id))
              from public.touch_runs t, generate_series(1, 2) where t.account_id = ${a}`;
    await sql`select graphile_worker.add_job('dispatch_touches', json_build_object('account_id', ${a}::uuid))
              from generate_series(1, 3)`;

    // More copies of random touches' jobs while they run.
    let enqueuing = true;
    const enqueuer = (async () => {
      while (enqueuing) {
        await sql`select graphile_worker.add_job('dispatch_touch', json_build_object('touch_run_id', id))
                  from public.touch_runs where account_id = ${a} order by random() limit 20`;
        await sql`select graphile_worker.add_job('dispatch_touches', json_build_object('account_id', ${a}::uuid))`;
        await new Promise((r) => setTimeout(r, 25));
      }
    })();

    // Once sends are flowing, the provider holds the next sends before taking them, so
    // worker 0 has sends in flight that the provider never receives; kill it then.
    await until(async () => twilio.accepted.length >= 100, 60_000, '100 accepted sends');
    // Worker 0 may start last (its first beat can come after the others' first sends):
    // wait for its heartbeat naming the worker pool and its 4 workers.
    let beat: { job_worker_ids: string[]; worker_id: string } | undefined;
    await until(async () => {
      [beat] = await sql<{ job_worker_ids: string[]; worker_id: string }[]>`
        select job_worker_ids, worker_id from public.worker_heartbeats where pid = ${workers[0]!.pid!}`;
      return (beat?.job_worker_ids.length ?? 0) >= 5;
    }, 30_000, 'worker 0\'s heartbeat with its pool and 4 workers');
    expect(beat!.job_worker_ids.length).toBe(5); // the worker pool and its 4 workers
    // Worker 0 holds job locks now; the test checks below that they are freed.
    const [held] = await sql<{ n: number }[]>`
      select count(*)::int as n from graphile_worker.jobs where locked_by = any(${beat!.job_worker_ids})`;
    twilio.setFaults({ failAfterAcceptRate: 0.05, holdBeforeAcceptMs: 1500, delayMs: 20, seed: 43, times: 12 });
    await new Promise((r) => setTimeout(r, 400));
    workers[0]!.kill('SIGKILL');
    const killedAt = Date.now();
    twilio.setFaults({ failAfterAcceptRate: 0.05, delayMs: 20, seed: 44 });

    // A live worker declares worker 0 dead once it has been silent DEAD_AFTER_MS (no manual step).
    const declared = () => output.join('').split('\n').find((l) => l.includes('WORKER_DECLARED_DEAD') && l.includes(beat!.worker_id));
    await until(async () => declared() !== undefined, DEAD_AFTER_MS + 15_000, 'worker 0 to be declared dead');
    const declaredAfterMs = Date.now() - killedAt;
    enqueuing = false;
    await enqueuer;
    const declaration = JSON.parse(declared()!.slice(declared()!.indexOf('{'))) as { silent_s: number; jobs_unlocked: number };
    expect(declaration.silent_s).toBeGreaterThanOrEqual(DEAD_AFTER_MS / 1000);
    const [locks] = await sql<{ n: number }[]>`
      select count(*)::int as n from graphile_worker.jobs where locked_by = any(${beat!.job_worker_ids})`;
    expect(locks!.n).toBe(0);
    expect(declaration.jobs_unlocked).toBeGreaterThanOrEqual(1);
    const touchesUnknown = (JSON.parse(declared()!.slice(declared()!.indexOf('{'))) as { touches_unknown: number }).touches_unknown;

    // Its in-doubt touches are reconciled, and what the provider never received is sent
    // again: within 2 minutes of the crash nothing is left sending, of a dead worker, or queued.
    const open = async () => {
      const [r] = await sql<{ n: number }[]>`
        select count(*)::int as n from public.touch_runs where account_id = ${a} and step = 1
          and (status in ('queued', 'sending') or (status = 'unknown' and error_code = 'worker_dead')
               or (status = 'scheduled' and scheduled_at < now() + interval '1 minute'))`;
      return r!.n;
    };
    await until(async () => (await open()) === 0, 120_000 - (Date.now() - killedAt), 'the touches to drain and the dead worker\'s to be reconciled');
    const settledAfterMs = Date.now() - killedAt;
    for (const w of workers.slice(1)) w.kill('SIGTERM');

    const all = await sql<{ id: string; status: string; error_code: string | null; n: number; send_key: string | null;
                            attempt: number; retry_of: string | null }[]>`
      select t.id, t.status, t.error_code, l.external_id as n, t.send_key, t.attempt, t.retry_of
      from public.touch_runs t join public.leads l on l.id = t.lead_id
      where t.account_id = ${a} and t.step = 1`;
    const touches = all.filter((t) => t.attempt === 1);
    const retries = all.filter((t) => t.attempt > 1);
    const byStatus = (s: string) => touches.filter((t) => t.status === s);
    const lead = (t: { n: unknown }) => Number(String(t.n).slice(1));
    const acceptedKeys = twilio.accepted.map((x) => x.sendKey);
    const acceptedTouches = new Set(twilio.accepted.map((x) => x.touchRunId));

    // Every touch is final: sent, failed or unknown; canceled (suppressed) or waiting for its window.
    expect(touches).toHaveLength(TOUCHES);
    expect(touches.filter((t) => !['sent', 'failed', 'unknown', 'canceled', 'scheduled'].includes(t.status))).toEqual([]);
    expect(declaredAfterMs).toBeLessThan(DEAD_AFTER_MS + 4 * HEARTBEAT_MS + 5_000);
    expect(settledAfterMs).toBeLessThan(120_000);
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
    const statusOf = new Map(all.map((t) => [t.id, t.status]));
    expect(twilio.accepted.filter((x) => !['sent', 'unknown'].includes(statusOf.get(x.touchRunId!) ?? 'none'))).toEqual([]);
    // 500-after-accept answers end unknown, not re-sent (the provider may have it).
    const unknown = byStatus('unknown');
    expect(unknown.length).toBeGreaterThanOrEqual(5);
    // The killed worker's in-doubt touches were asked about; each one the provider never
    // received was sent again once, as attempt 2 with its own send_key, and accepted once.
    const [lost] = await sql<{ n: number }[]>`
      select count(*)::int as n from public.core_memory_events
      where account_id = ${a} and event_type = 'touch_outcome_unknown' and payload ->> 'reason' = 'worker_dead'`;
    expect(lost!.n).toBeGreaterThanOrEqual(1);
    // The touches worker 0 had claimed and not recorded when it was killed mid-batch are
    // exactly those made unknown (worker_dead), all of them its own, and every one was
    // reconciled: none is left unknown for that reason.
    const inDoubt = await sql<{ id: string; claimed_by: string; status: string; error_code: string | null }[]>`
      select t.id, t.claimed_by, t.status, t.error_code from public.touch_runs t
      where t.account_id = ${a} and exists (
        select 1 from public.core_memory_events e where e.account_id = ${a} and e.event_type = 'touch_outcome_unknown'
          and e.payload ->> 'reason' = 'worker_dead' and e.payload ->> 'touch_run_id' = t.id::text)`;
    expect(inDoubt.length).toBe(touchesUnknown);
    expect(inDoubt.length).toBeGreaterThanOrEqual(1);
    expect(inDoubt.filter((t) => t.claimed_by !== beat!.worker_id)).toEqual([]);
    expect(inDoubt.filter((t) => t.status === 'unknown' && t.error_code === 'worker_dead')).toEqual([]);
    const notReceived = touches.filter((t) => t.error_code === 'reconciled_not_found');
    expect(notReceived.length).toBeGreaterThanOrEqual(1);
    expect(notReceived.every((t) => t.status === 'failed')).toBe(true);
    expect(retries.map((r) => r.retry_of).sort()).toEqual(notReceived.map((t) => t.id).sort());
    // (sent, or unknown when the provider answered 500 after accepting it, as for any send).
    expect(retries.filter((r) => r.attempt !== 2 || !['sent', 'unknown'].includes(r.status))).toEqual([]);
    expect(retries.filter((r) => acceptedKeys.filter((k) => k === r.send_key).length !== 1)).toEqual([]);
    expect(retries.filter((r) => r.send_key === touches.find((t) => t.id === r.retry_of)?.send_key)).toEqual([]);
    // No lead got the message twice, whatever the send_key.
    const perLead = new Map<string, number>();
    for (const x of twilio.accepted) perLead.set(x.to, (perLead.get(x.to) ?? 0) + 1);
    expect([...perLead].filter(([, n]) => n > 1)).toEqual([]);
    // No sender started more than max_per_second sends in any 1-second window at the provider
    // (request arrival times, held or not, accepted or not).
    const starts = new Map<string, number[]>();
    for (const r of twilio.requests) {
      const from = (r.body as Record<string, unknown> | null)?.From;
      if (r.method !== 'POST' || typeof from !== 'string') continue;
      starts.set(from, [...(starts.get(from) ?? []), r.at.getTime()]);
    }
    let busiest = 0;
    let busiestWindow = '';
    for (const [from, times] of starts) {
      times.sort((x, y) => x - y);
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i]! - times[j]! >= 1000) j++;
        if (i - j + 1 > busiest) {
          busiest = i - j + 1;
          busiestWindow = `${from}: ${times.slice(j, i + 1).map((t) => t - times[j]!).join(', ')} ms (of ${times.length} sends, gaps ${times.slice(Math.max(0, j - 3), i + 4).map((t, k, a) => (k ? t - a[k - 1]! : 0)).join(', ')})`;
        }
      }
    }
    expect(busiest, busiestWindow).toBeLessThanOrEqual(MAX_PER_SECOND);
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
    console.log(`reliability: ${summary}; declared dead after ${declaredAfterMs} ms (${declaration.jobs_unlocked} jobs unlocked), ` +
      `(${held!.n} held before the kill), ${inDoubt.length} in doubt, settled ${settledAfterMs} ms after the kill; not received ${notReceived.length}, re-sent ${retries.length}; ` +
      `busiest sender second ${busiest}/${MAX_PER_SECOND}; ` +
      `provider accepts ${twilio.accepted.length}, duplicate send keys ${twilio.duplicateSendKeys().length}; ` +
      `provider requests ${twilio.requests.length}`);
  }, 240_000);
});
