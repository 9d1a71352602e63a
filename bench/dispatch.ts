/**
 * Dispatch benchmark (issue 4). Every figure is a ratio against a baseline
 * measured in the same run, in the same database:
 *   - dispatch path: touch_runs insert → trigger → dispatch_touches (batched claim, sink,
 *     batched record) → recorded, against graphile-worker's bare add_jobs → no-op task,
 *     same concurrency; and, in the same run, the design it replaced: one dispatch_touch
 *     job per touch (claim, send, record each on its own);
 *   - trigger overhead: inserts into touch_runs with the enqueue trigger on / off
 *     (single rows ≥ 0.5; 100-row batches ≥ 0.7, issue 16);
 *   - latency: commit of a single due touch → task start and → provider call, batched job
 *     and one job per touch, against add_job → task start;
 *   - orchestrator: one tick over 100,000 due enrollments against a plain INSERT … SELECT;
 *   - rate limiter: most sends seen in any 1-second window for one sender / its limit.
 *
 *   node --import tsx bench/dispatch.ts        (or: make bench)
 *   BENCH_LOG_LEVEL=info shows the worker's log lines too (TOUCH_BATCH_DISPATCHED: claim_ms,
 *   send_ms, record_ms per batch); the default, warn, keeps the figures alone.
 */
import { generateMasterKey, keyRingOf, parseMasterKey } from '../lib/secrets.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Task } from 'graphile-worker';
import type { Sql } from '../db/client.ts';
import { setLogLevel } from '../lib/log.ts';
import type { WorkerDeps } from '../worker/deps.ts';
import { createSinkDriver } from '../worker/drivers/sink.ts';
import type { Driver, ProviderName } from '../worker/drivers/types.ts';
import { startWorker } from '../worker/runner.ts';
import { workerPools } from '../worker/start.ts';
import { dispatchTouch } from '../worker/tasks/dispatch_touch.ts';
import { dispatchTouches } from '../worker/tasks/dispatch_touches.ts';
import { dropDatabase, freshDatabase, heading, line, ms, percentile, record } from './lib.ts';

// TEST_DB_PREFIX keeps two runs on one server apart.
const DB = `${process.env.TEST_DB_PREFIX || 'revenue_os'}_bench_dispatch`;
const N = Number(process.env.BENCH_DISPATCH_N ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const BATCH = Number(process.env.DISPATCH_BATCH_SIZE ?? 100);
const SEND_CONCURRENCY = Number(process.env.DISPATCH_SEND_CONCURRENCY ?? BATCH);
const ENROLLMENTS = Number(process.env.BENCH_ORCHESTRATOR_N ?? 100_000);
const DISPATCH_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** BENCH_SECTIONS=dispatch,latency,trigger,orchestrator,ratelimit (default: all). */
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? 'dispatch,latency,trigger,orchestrator,ratelimit').split(','));
const want = (s: string) => SECTIONS.has(s);

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the queue to drain');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * An account whose leads are inside their send window right now, with the sink on every channel.
 * Its sender numbers start at +1305555<firstNumber>: a number belongs to one account only, so each
 * account of the run takes its own range.
 */
async function setup(sql: Sql, senders: number, maxPerSecond: number, firstNumber = 1000): Promise<{ account: string; zone: string }> {
  const [zone] = await sql<{ tz: string }[]>`
    select tz from unnest(array['America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'Europe/London',
                                'Europe/Berlin', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney',
                                'Pacific/Auckland', 'America/Sao_Paulo']) tz
    where extract(hour from now() at time zone tz) between 9 and 17 limit 1`;
  const [account] = await sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('Bench', 'bench-' || substr(md5(random()::text), 1, 8)) returning id`;
  const id = account!.id;
  await sql`update public.org_settings set timezone = ${zone!.tz}, send_window_start = '08:00', send_window_end = '21:00' where account_id = ${id}`;
  const config = {
    senders: Array.from({ length: senders }, (_, i) => ({ address: `+1305555${String(firstNumber + i).padStart(4, '0')}`, persona: 'initial' })),
    max_per_second: maxPerSecond,
    // Each number's daily cap (250 by default) is counted on every claim, as in production, but set
    // above what a full run sends from one number, so no touch waits for tomorrow.
    daily_cap: 1_000_000,
  };
  await sql`insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
            select ${id}, c, 'sink', true, ${sql.json(config)} from unnest(array['sms', 'voice', 'whatsapp', 'email']) c`;
  return { account: id, zone: zone!.tz };
}

// The leads come enriched (issue 19): a valid mobile number, as the enrichment worker leaves it, so
// the claim takes its full post-enrichment path (a pending lead's touches would wait for it).
async function addLeads(sql: Sql, account: string, zone: string, n: number, tag: string): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    insert into public.leads (account_id, first_name, phone, timezone, source, external_id, enrichment_status,
                              enrichment_finished_at, phone_status, phone_line_type, phone_line_type_source, phone_checked_at)
    select ${account}, 'Lead', '+1786555' || lpad((i % 10000)::text, 4, '0'), ${zone}, 'bench', ${tag} || i, 'done',
           now(), 'valid', 'mobile', 'twilio_lookup', now()
    from generate_series(1, ${n}) i
    returning id`;
  return rows.map((r) => r.id);
}

/**
 * The design batched dispatch replaced, for comparison in the same run: the touches
 * inserted without the enqueue trigger, and one dispatch_touch job per touch queued in
 * the same transaction (what the trigger did before).
 */
async function insertTouchesOneJobEach(sql: Sql, account: string, leads: string[], tag: number): Promise<string[]> {
  return sql.begin(async (tx) => {
    await tx`alter table public.touch_runs disable trigger enqueue_dispatch_insert`;
    const rows = await tx<{ id: string }[]>`
      insert into public.touch_runs (account_id, lead_id, step, channel, attempt, status, scheduled_at, payload)
      select ${account}, l, ${tag}, 'sms', 1, 'queued', now(), '{"delivery": {"body": "Hi"}}'::jsonb
      from unnest(${leads}::uuid[]) l
      returning id`;
    await tx`select graphile_worker.add_jobs(array(
      select row('dispatch_touch', json_build_object('touch_run_id', t), null, now(), 10, 'dispatch_touch:' || t, null, null)::graphile_worker.job_spec
      from unnest(${rows.map((r) => r.id)}::uuid[]) t))`;
    await tx`alter table public.touch_runs enable trigger enqueue_dispatch_insert`;
    return rows.map((r) => r.id);
  });
}

function insertTouches(sql: Sql, account: string, leads: string[], tag: number, status = 'queued') {
  return sql`
    insert into public.touch_runs (account_id, lead_id, step, channel, attempt, status, scheduled_at, payload)
    select ${account}, l, ${tag}, 'sms', 1, ${status}, now(), '{"delivery": {"body": "Hi"}}'::jsonb
    from unnest(${leads}::uuid[]) l`;
}

async function main(): Promise<void> {
  setLogLevel(process.env.BENCH_LOG_LEVEL === 'info' ? 'info' : 'warn');
  heading(`Dispatch benchmark: ${N} touches per run, worker concurrency ${CONCURRENCY}`);
  const outboxDir = await mkdtemp(path.join(tmpdir(), 'bench-sink-'));
  const { url, sql } = await freshDatabase(DB);
  const starts = new Map<string, number>();
  const running: { stop(): Promise<void> }[] = [];
  let t = 0;
  // Every send the sink took, with its sender: the rate-limiter section counts only its own sender's.
  const sendTimes: { at: number; from: string | null | undefined }[] = [];
  const sentAt = new Map<string, number>();
  try {
    const { account, zone } = await setup(sql, 50, 1000);
    line('lead time zone (inside its send window now)', zone);

    const sink = createSinkDriver({ outboxFile: path.join(outboxDir, 'outbox.jsonl') });
    const timedSink: Driver = {
      ...sink,
      send: async (request) => {
        sendTimes.push({ at: Date.now(), from: request.from });
        sentAt.set(request.touchRunId, performance.now());
        return sink.send(request);
      },
    };
    const pools = workerPools(url, CONCURRENCY + 1);
    running.push({ stop: async () => { await pools.sql.end(); await pools.outcomeSql.end(); } });
    const deps: WorkerDeps = {
      ...pools,
      drivers: new Map<ProviderName, Driver>([['sink', timedSink]]),
      workerId: 'bench',
      publicBaseUrl: 'http://127.0.0.1:3000',
      appSecret: 'bench-secret-bench-secret',
      keyRing: keyRingOf(parseMasterKey(generateMasterKey(), 'bench')),
      batchSize: 500,
      dispatch: { batchSize: BATCH, sendConcurrency: SEND_CONCURRENCY },
    };
    const dispatch = dispatchTouch(deps);
    const dispatchBatch = dispatchTouches(deps);
    let batchJobs = 0;
    const taskList: Record<string, Task> = {
      dispatch_touch: async (payload, helpers) => {
        starts.set((payload as { touch_run_id: string }).touch_run_id, performance.now());
        return dispatch(payload, helpers);
      },
      dispatch_touches: async (payload, helpers) => {
        batchJobs++;
        starts.set(`batch:${batchJobs}`, performance.now());
        return dispatchBatch(payload, helpers);
      },
      noop: async (payload) => {
        starts.set(`noop:${(payload as { i: number }).i}`, performance.now());
      },
    };
    const worker = await startWorker({ connectionString: url, concurrency: CONCURRENCY, taskList, crontabFile: null });
    running.push(worker);

    // Polled every 20 ms while the clock runs: two probes of the partial indexes of open
    // touches, not a scan of touch_runs (which grows by N rows a round, and whose scan cost
    // several ms of the box's CPU per poll, charged to the path being measured).
    const drained = (step: number) => async () => {
      const [r] = await sql<{ n: number }[]>`
        select (select count(*) from public.touch_runs where step = ${step} and status in ('queued', 'scheduled'))::int
             + (select count(*) from public.touch_runs where step = ${step} and status = 'sending')::int as n`;
      return r!.n === 0;
    };
    const statusesOf = async (step: number) => {
      const [r] = await sql<{ s: string }[]>`
        select string_agg(status || ' ' || n, ', ') as s from (select status, count(*) n from public.touch_runs where step = ${step} group by 1) x`;
      return r!.s;
    };

    if (want('dispatch')) {
    // Dispatch path against bare jobs, and against the design it replaced.
    heading(`dispatch path (insert → trigger → task → sink → recorded), batches of ${BATCH}, ${SEND_CONCURRENCY} sends in flight per job`);
    const jobsLeft = async () => {
      const [r] = await sql<{ n: number }[]>`select count(*)::int as n from graphile_worker.jobs where run_at <= now()`;
      return r!.n === 0;
    };
    // Workers run for days: the first batch on each new connection plans the claim and record
    // functions (tens of ms), so the pools are warmed with one untimed batch. Before each round
    // the tables are vacuumed and analyzed, as autovacuum does on a live server (the test server
    // runs without it, and each round leaves thousands of dead row versions behind).
    const warm = await addLeads(sql, account, zone, CONCURRENCY * BATCH, 'w');
    await insertTouches(sql, account, warm, 40);
    await until(drained(40), 300_000);
    // The baseline is warmed the same way: one untimed run of bare jobs (the first run of
    // the no-op task on fresh connections is the slowest of all, which flattered round 1).
    await sql`select graphile_worker.add_jobs(array(
      select row('noop', json_build_object('i', 900000 + i), null, null, null, null, null, null)::graphile_worker.job_spec
      from generate_series(1, ${N}) i))`;
    await until(jobsLeft, 120_000);
    const vacuum = () => sql`vacuum analyze public.leads, public.touch_runs, public.outbound_messages, public.lead_events,
                                             public.lead_timers, public.sender_rate_state, public.sender_daily_counts, graphile_worker._private_jobs`;

    // Rounds alternate the baseline and the path, so load from elsewhere on the box falls on both
    // sides of each ratio; the figures are the medians of the rounds.
    const bareRates: number[] = [];
    const batchedRates: number[] = [];
    const ratios: number[] = [];
    let batched = '';
    for (let round = 1; round <= DISPATCH_ROUNDS; round++) {
      const leads = await addLeads(sql, account, zone, N, `p${round}-`);
      await vacuum();
      t = performance.now();
      await sql`select graphile_worker.add_jobs(array(
        select row('noop', json_build_object('i', i), null, null, null, null, null, null)::graphile_worker.job_spec
        from generate_series(1, ${N}) i))`;
      await until(jobsLeft, 120_000);
      const bare = N / ((performance.now() - t) / 1000);

      t = performance.now();
      await insertTouches(sql, account, leads, 40 + round);
      await until(drained(40 + round), 300_000);
      const rate = N / ((performance.now() - t) / 1000);
      batched = await statusesOf(40 + round);
      line(`round ${round}: bare jobs / batched touches / ratio`, `${bare.toFixed(0)} /s, ${rate.toFixed(0)} /s, ${(rate / bare).toFixed(2)}`);
      bareRates.push(bare);
      batchedRates.push(rate);
      ratios.push(rate / bare);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const bareRate = median(bareRates);
    const dispatchRate = median(batchedRates);

    const leadsOld = await addLeads(sql, account, zone, N, 'q');
    t = performance.now();
    await insertTouchesOneJobEach(sql, account, leadsOld, 3);
    await until(drained(3), 300_000);
    const oneEachRate = N / ((performance.now() - t) / 1000);
    const oneEach = await statusesOf(3);

    line(`bare add_jobs → no-op task (median of ${DISPATCH_ROUNDS})`, `${bareRate.toFixed(0)} jobs/s`);
    line(`touch insert → sink → recorded, batched (now; median of ${DISPATCH_ROUNDS})`, `${dispatchRate.toFixed(0)} touches/s (last round: ${batched})`);
    line('touch insert → sink → recorded, one job per touch (before; once)', `${oneEachRate.toFixed(0)} touches/s (${oneEach})`);
    line('ratio batched (median of the rounds) / one job per touch (target ≥ 0.5)', `${median(ratios).toFixed(2)} / ${(oneEachRate / bareRate).toFixed(2)}`);
    record({
      bench: 'dispatch', metric: `touch → sink → recorded ÷ bare job, concurrency ${CONCURRENCY}, median of ${DISPATCH_ROUNDS} rounds`, unit: '/s',
      figure: dispatchRate, baseline: bareRate, target: { of: 'ratio', op: '>=', value: 0.5 },
    });
    record({
      bench: 'dispatch', metric: `same, one dispatch_touch job per touch (the design batching replaced)`, unit: '/s',
      figure: oneEachRate, baseline: bareRate, target: null,
    });
    }

    if (want('latency')) {
    // Latency of a single touch, from commit to task start and to the provider call.
    heading('latency: commit of a single due touch → task start / provider call');
    const one = await addLeads(sql, account, zone, 400, 'l');
    const bare: number[] = [];
    const batchStart: number[] = [];
    const batchSend: number[] = [];
    const eachStart: number[] = [];
    const eachSend: number[] = [];
    for (let i = 0; i < 200; i++) {
      await sql`select graphile_worker.add_job('noop', json_build_object('i', ${100000 + i}::int))`;
      const t0 = performance.now();
      await until(async () => starts.has(`noop:${100000 + i}`), 10_000);
      bare.push(starts.get(`noop:${100000 + i}`)! - t0);

      const before = batchJobs;
      const [row] = await sql<{ id: string }[]>`
        insert into public.touch_runs (account_id, lead_id, step, channel, attempt, status, scheduled_at, payload)
        values (${account}, ${one[i]!}, 2, 'sms', 1, 'queued', now(), '{"delivery": {"body": "Hi"}}') returning id`;
      const t1 = performance.now();
      await until(async () => sentAt.has(row!.id), 10_000);
      batchStart.push(starts.get(`batch:${before + 1}`)! - t1);
      batchSend.push(sentAt.get(row!.id)! - t1);

      const [id] = await insertTouchesOneJobEach(sql, account, [one[200 + i]!], 4);
      const t2 = performance.now();
      await until(async () => sentAt.has(id!), 10_000);
      eachStart.push(starts.get(id!)! - t2);
      eachSend.push(sentAt.get(id!)! - t2);
    }
    for (const xs of [bare, batchStart, batchSend, eachStart, eachSend]) xs.sort((a, b) => a - b);
    const p = (xs: number[]) => `${ms(percentile(xs, 50))} / ${ms(percentile(xs, 99))}`;
    line('bare add_job → task start                    p50 / p99', p(bare));
    line('touch commit → task start, batched job       p50 / p99', p(batchStart));
    line('touch commit → task start, one job per touch p50 / p99', p(eachStart));
    line('touch commit → provider call, batched        p50 / p99', p(batchSend));
    line('touch commit → provider call, one job each   p50 / p99', p(eachSend));
    line('ratio task start p50 batched / one each (target ≤ 2)',
         `${(percentile(batchStart, 50) / percentile(bare, 50)).toFixed(2)} / ${(percentile(eachStart, 50) / percentile(bare, 50)).toFixed(2)}`);
    record({
      bench: 'dispatch', metric: 'due touch → task start ÷ add_job, p50', unit: 'ms',
      figure: percentile(batchStart, 50), baseline: percentile(bare, 50), target: { of: 'ratio', op: '<=', value: 2 },
    });
    record({
      bench: 'dispatch', metric: 'single touch → provider call, batched ÷ one job per touch, p50', unit: 'ms',
      figure: percentile(batchSend, 50), baseline: percentile(eachSend, 50), target: null,
    });
    }
    await worker.stop();

    if (want('trigger')) {
    // Trigger overhead (no worker running).
    heading('trigger overhead: inserts into touch_runs, enqueue trigger on / off');
    const tleads = await addLeads(sql, account, zone, 1000, 't');
    // Alternate on and off over several rounds so neither side gets the warm cache alone.
    const samples: Record<string, number[]> = { single_true: [], single_false: [], batch_true: [], batch_false: [], batch_old: [] };
    let step = 10;
    for (let round = 0; round < 4; round++) {
      for (const on of round % 2 === 0 ? [true, false] : [false, true]) {
        if (!on) await sql`alter table public.touch_runs disable trigger enqueue_dispatch_insert`;
        step++;
        t = performance.now();
        for (let i = 0; i < 500; i++) {
          await sql`insert into public.touch_runs (account_id, lead_id, step, channel, attempt, status, scheduled_at)
                    values (${account}, ${tleads[i]!}, ${step}, 'sms', 1, 'scheduled', now() + interval '1 day')`;
        }
        samples[`single_${on}`]!.push(500 / ((performance.now() - t) / 1000));
        step++;
        t = performance.now();
        for (let b = 0; b < 10; b++) {
          await insertTouches(sql, account, tleads.slice(b * 100, b * 100 + 100), step, 'scheduled');
        }
        samples[`batch_${on}`]!.push(1000 / ((performance.now() - t) / 1000));
        if (!on) {
          // The design batching replaced, with the trigger still off: one job per row,
          // queued in the inserting transaction as the old statement trigger did.
          step++;
          t = performance.now();
          for (let b = 0; b < 10; b++) {
            await sql.begin(async (tx) => {
              const rows = await tx<{ id: string }[]>`
                insert into public.touch_runs (account_id, lead_id, step, channel, attempt, status, scheduled_at)
                select ${account}, l, ${step}, 'sms', 1, 'scheduled', now()
                from unnest(${tleads.slice(b * 100, b * 100 + 100)}::uuid[]) l
                returning id`;
              await tx`select graphile_worker.add_jobs(array(
                select row('dispatch_touch', json_build_object('touch_run_id', x.id), null, x.scheduled_at, 10,
                           'dispatch_touch:' || x.id, null, null)::graphile_worker.job_spec
                from public.touch_runs x where x.id = any(${rows.map((r) => r.id)}::uuid[])))`;
            });
          }
          samples.batch_old!.push(1000 / ((performance.now() - t) / 1000));
          await sql`alter table public.touch_runs enable trigger enqueue_dispatch_insert`;
        }
      }
    }
    // The batches were due at once: cancel them, so the later sections' workers send only their own.
    await sql`update public.touch_runs set status = 'canceled' where account_id = ${account} and status in ('scheduled', 'queued')`;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const rates = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<string, number>;
    line('single-row inserts  on / off (median of 4)', `${rates.single_true!.toFixed(0)} / ${rates.single_false!.toFixed(0)} rows/s`);
    line('single-row ratio (target ≥ 0.5)', (rates.single_true! / rates.single_false!).toFixed(2));
    line('100-row batches     on / off (median of 4)', `${rates.batch_true!.toFixed(0)} / ${rates.batch_false!.toFixed(0)} rows/s`);
    line('100-row ratio (target ≥ 0.7, issue 16)', (rates.batch_true! / rates.batch_false!).toFixed(2));
    line('100-row batches, one job per row (before) / off', `${rates.batch_old!.toFixed(0)} / ${rates.batch_false!.toFixed(0)} rows/s = ${(rates.batch_old! / rates.batch_false!).toFixed(2)}`);
    record({
      bench: 'dispatch', metric: 'enqueue trigger on ÷ off, single rows', unit: 'rows/s',
      figure: rates.single_true!, baseline: rates.single_false!, target: { of: 'ratio', op: '>=', value: 0.5 },
    });
    record({
      bench: 'dispatch', metric: 'enqueue trigger on ÷ off, 100-row batches', unit: 'rows/s',
      figure: rates.batch_true!, baseline: rates.batch_false!, target: { of: 'ratio', op: '>=', value: 0.7 },
    });
    record({
      bench: 'dispatch', metric: 'same, one job per row (the trigger batching replaced)', unit: 'rows/s',
      figure: rates.batch_old!, baseline: rates.batch_false!, target: null,
    });
    }

    if (want('orchestrator')) {
    // Orchestrator tick over due enrollments against a plain INSERT … SELECT.
    heading(`orchestrator: one tick over ${ENROLLMENTS.toLocaleString('en-US')} due enrollments`);
    const [camp] = await sql<{ id: string }[]>`
      insert into public.campaigns (account_id, campaign_key, name, is_active) values (${account}, 'bench_orch', 'Bench', true) returning id`;
    await sql`insert into public.campaign_steps (account_id, campaign_id, step, channel, body) values (${account}, ${camp!.id}, 1, 'sms', 'Hi {{first_name}}')`;
    const oleads = await addLeads(sql, account, zone, ENROLLMENTS, 'o');
    await sql`insert into public.campaign_leads (account_id, campaign_id, lead_id, next_step_at)
              select ${account}, ${camp!.id}, l, now() - interval '1 minute' from unnest(${oleads}::uuid[]) l`;
    await sql`vacuum analyze`;
    t = performance.now();
    await sql.begin(async (tx) => {
      await tx`
        insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, payload)
        select cl.account_id, cl.lead_id, cl.campaign_id, cs.step, cs.channel, 1, 'queued', now(),
               jsonb_build_object('delivery', jsonb_build_object('body', cs.body))
        from public.campaign_leads cl join public.campaign_steps cs on cs.campaign_id = cl.campaign_id and cs.step = cl.current_step
        where cl.campaign_id = ${camp!.id}`;
      throw new RollbackBaseline();
    }).catch((e: unknown) => {
      if (!(e instanceof RollbackBaseline)) throw e;
    });
    const plain = ENROLLMENTS / ((performance.now() - t) / 1000);
    t = performance.now();
    const [tick] = await sql<{ n: number; queued: number }[]>`
      select count(*)::int as n, count(*) filter (where decision = 'queued')::int as queued
      from public.run_touch_orchestrator(${ENROLLMENTS}, false)`;
    const orch = ENROLLMENTS / ((performance.now() - t) / 1000);
    line('plain INSERT … SELECT (rolled back)', `${plain.toFixed(0)} rows/s`);
    line(`run_touch_orchestrator (${tick!.queued} queued of ${tick!.n})`, `${orch.toFixed(0)} rows/s`);
    line('ratio', (orch / plain).toFixed(2));
    record({
      bench: 'dispatch', metric: `orchestrator tick ÷ INSERT … SELECT, ${ENROLLMENTS} due`, unit: 'rows/s',
      figure: orch, baseline: plain, target: null,
    });
    }

    if (want('ratelimit')) {
    // Rate limiter accuracy: one sender limited to 5 per second.
    heading('rate limiter: one sender, limit 5 per second');
    const limited = await setup(sql, 1, 5, 2000);
    const LIMITED_SENDER = '+13055552000';
    const rleads = await addLeads(sql, limited.account, limited.zone, 60, 'r');
    sendTimes.length = 0;
    const worker2 = await startWorker({ connectionString: url, concurrency: CONCURRENCY, taskList, crontabFile: null });
    running.push(worker2);
    await insertTouches(sql, limited.account, rleads, 1);
    await until(async () => {
      const [r] = await sql<{ n: number }[]>`
        select count(*)::int as n from public.touch_runs where account_id = ${limited.account} and status in ('queued', 'sending', 'scheduled')`;
      return r!.n === 0;
    }, 120_000);
    await worker2.stop();
    // Only this sender's sends: touches the orchestrator section queued for the main
    // account (other senders, limit 1000 per second) are still being sent meanwhile.
    const times = sendTimes.filter((s) => s.from === LIMITED_SENDER).map((s) => s.at).sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1000) j++;
      most = Math.max(most, i - j + 1);
    }
    const span = (times[times.length - 1]! - times[0]!) / 1000;
    line('sends / span', `${times.length} in ${span.toFixed(1)} s`);
    if (times.length !== rleads.length) throw new Error(`the limited sender sent ${times.length} of ${rleads.length} touches`);
    line('most sends in any 1-second window / limit (must be ≤ 1.0)', `${most} / 5 = ${(most / 5).toFixed(2)}`);
    record({
      bench: 'dispatch', metric: 'rate limiter: most sends in 1 s ÷ limit', unit: 'sends',
      figure: most, baseline: 5, target: { of: 'ratio', op: '<=', value: 1.0 },
    });
    }
  } catch (error) {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  } finally {
    for (const w of running.reverse()) await w.stop().catch(() => {});
    await sql.end();
    await rm(outboxDir, { recursive: true, force: true });
    if (process.env.BENCH_KEEP !== '1') await dropDatabase(DB);
  }
}

class RollbackBaseline extends Error {}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
