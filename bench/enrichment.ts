/**
 * Enrichment benchmark (issue 19): BENCH_ENRICH_N (default 10,000) leads uploaded as one CSV
 * through the real import path (public.create_lead_import → import_leads, chunks of 500),
 * each chunk's leads queuing enrich_leads, enriched through the Twilio SDK against the fake
 * Lookup API on 127.0.0.1 that takes 50 ms (BENCH_LOOKUP_MS) to answer each lookup, and
 * MX lookups against a stub DNS server (40 domains). Clock: from the upload to the last lead
 * enriched. Baseline, in the same process, the same worker (concurrency BENCH_CONCURRENCY,
 * default 4) and the same run: as many bare graphile-worker jobs (add_jobs → a no-op task),
 * measured before and after the path (their mean). Also reported: the lookup latency as the
 * SDK client sees it (100 sequential lookups), and how many lookups reached the fake (each
 * number once).
 *
 *   node --import tsx bench/enrichment.ts        (or: make bench)
 */
import { performance } from 'node:perf_hooks';
import type { Task } from 'graphile-worker';
import { withTenant } from '../db/client.ts';
import { setLogLevel } from '../lib/log.ts';
import { generateMasterKey, keyRingOf, parseMasterKey } from '../lib/secrets.ts';
import { createTwilioLookup } from '../worker/enrichment/phone.ts';
import { startWorker } from '../worker/runner.ts';
import { workerPools } from '../worker/start.ts';
import { enrichLeads } from '../worker/tasks/enrich_leads.ts';
import { importLeads } from '../worker/tasks/import_leads.ts';
import { startStubDns } from '../tests/fakes/dns.ts';
import { startFakeTwilioLookup } from '../tests/fakes/twilio-lookup.ts';
import { dropDatabase, freshDatabase, heading, line, ms, percentile, record } from './lib.ts';

const DB = `${process.env.TEST_DB_PREFIX || 'revenue_os'}_bench_enrichment`;
const N = Number(process.env.BENCH_ENRICH_N ?? 10_000);
const LOOKUP_MS = Number(process.env.BENCH_LOOKUP_MS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const DOMAINS = 40;

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function main(): Promise<void> {
  setLogLevel((process.env.BENCH_LOG_LEVEL as 'warn' | undefined) ?? 'warn');
  heading(`Enrichment benchmark: ${N.toLocaleString('en-US')} imported leads, fake Twilio Lookup answering in ${LOOKUP_MS} ms`);
  const { url, sql } = await freshDatabase(DB);
  const lookup = await startFakeTwilioLookup();
  const dns = await startStubDns(Object.fromEntries(Array.from({ length: DOMAINS }, (_, d) => [`dealer${d}.example`, { mx: [{ exchange: `mx.dealer${d}.example`, priority: 10 }] }])));
  const stops: { stop(): Promise<void> }[] = [];
  try {
    for (let i = 0; i < N; i++) if (i % 4 === 0) lookup.setLine(`+1202${String(2000000 + i).padStart(7, '0')}`, { type: 'landline', carrier: 'Fixed Telco' });
    lookup.setFaults({ delayMs: LOOKUP_MS });

    const [a] = await sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('Bench', 'bench') returning id`;
    const account = a!.id;
    const [u] = await sql<{ id: string }[]>`insert into public.users (email) values ('owner@bench.example') returning id`;
    await sql`insert into public.account_members (account_id, user_id, role) values (${account}, ${u!.id}, 'owner')`;

    const pools = workerPools(url, CONCURRENCY + 1);
    stops.push({ stop: async () => { await pools.sql.end(); await pools.outcomeSql.end(); } });
    let noops = 0;
    const deps = {
      sql: pools.sql,
      keyRing: keyRingOf(parseMasterKey(generateMasterKey(), 'bench')),
      enrichment: {
        config: { lookupBaseUrl: lookup.url, dns: { mode: 'servers' as const, servers: [dns.server] }, timeoutMs: 10_000 },
        twilio: { accountSid: lookup.accountSid, authToken: lookup.authToken },
      },
    };
    const taskList: Record<string, Task> = {
      import_leads: importLeads(deps),
      enrich_leads: enrichLeads(deps),
      noop: async () => {
        noops++;
      },
    };
    const worker = await startWorker({ connectionString: url, concurrency: CONCURRENCY, taskList, crontabFile: null });
    stops.push(worker);

    const jobsLeft = async () => {
      const [r] = await sql<{ n: number }[]>`select count(*)::int as n from graphile_worker.jobs where run_at <= now()`;
      return r!.n === 0;
    };
    const bareJobs = async (offset: number): Promise<number> => {
      const t = performance.now();
      await sql`select graphile_worker.add_jobs(array(
        select row('noop', json_build_object('i', ${offset} + i), null, null, null, null, null, null)::graphile_worker.job_spec
        from generate_series(1, ${N}) i))`;
      await until('the bare jobs', jobsLeft, 300_000);
      return N / ((performance.now() - t) / 1000);
    };

    // Warm-up, untimed: the no-op task on fresh connections, and one small import enriched.
    await bareJobs(1_000_000);
    const importCsv = async (rows: string[]) => {
      const content = ['first_name,phone,email', ...rows].join('\n') + '\n';
      const [r] = await withTenant(sql, account, (tx) => tx<{ id: string }[]>`
        select id from public.create_lead_import(${u!.id}, 'bench.csv', ${content}, ${Buffer.byteLength(content)}, ${['first_name', 'phone', 'email']},
          ${tx.json({ first_name: 0, phone: 1, email: 2 })})`);
      return r!.id;
    };
    const allEnriched = async () => {
      const [r] = await sql<{ n: number }[]>`select count(*)::int as n from public.leads where enrichment_status = 'pending'`;
      return r!.n === 0;
    };
    await importCsv(Array.from({ length: 200 }, (_, i) => `Warm ${i},+1202${String(3000000 + i).padStart(7, '0')},warm${i}@dealer${i % DOMAINS}.example`));
    await until('the warm-up import', async () => (await allEnriched()) && (await jobsLeft()), 120_000);
    await sql`vacuum analyze public.leads, graphile_worker._private_jobs`;
    const warmLookups = lookup.requests.length;

    const bareBefore = await bareJobs(2_000_000);

    const rows = Array.from({ length: N }, (_, i) => `Lead ${i},+1202${String(2000000 + i).padStart(7, '0')},lead${i}@dealer${i % DOMAINS}.example`);
    const t0 = performance.now();
    const importId = await importCsv(rows);
    await until('the import', async () => {
      const [r] = await sql<{ status: string }[]>`select status from public.lead_imports where id = ${importId}`;
      if (r?.status === 'failed') throw new Error('the import failed');
      return r?.status === 'done';
    }, 600_000);
    const imported = performance.now() - t0;
    await until('every lead enriched', allEnriched, 900_000);
    const elapsed = performance.now() - t0;
    const rate = N / (elapsed / 1000);

    const bareAfter = await bareJobs(3_000_000);
    const bare = (bareBefore + bareAfter) / 2;

    const [facts] = await sql<{ done: number; landlines: number; mx: number; events: number }[]>`
      select count(*) filter (where enrichment_status = 'done')::int as done,
             count(*) filter (where phone_line_type = 'landline' and phone_line_type_source = 'twilio_lookup')::int as landlines,
             count(*) filter (where email_status = 'valid')::int as mx,
             (select count(*)::int from public.core_memory_events e join public.leads x on x.id = e.lead_id
              where e.event_type = 'lead_enriched' and x.first_name like 'Lead %') as events
      from public.leads where first_name like 'Lead %'`;
    const lookups = lookup.requests.length - warmLookups;

    // The lookup latency as the SDK client sees it (sequential, nothing else running).
    const client = createTwilioLookup({ accountSid: lookup.accountSid, authToken: lookup.authToken, baseUrl: lookup.url, timeoutMs: 10_000 });
    const samples: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      await client.lookup(`+1202${String(4000000 + i).padStart(7, '0')}`);
      samples.push(performance.now() - t);
    }
    samples.sort((x, y) => x - y);

    line(`bare add_jobs → no-op task (mean of before ${bareBefore.toFixed(0)} and after ${bareAfter.toFixed(0)})`, `${bare.toFixed(0)} jobs/s`);
    line('CSV upload → imported (import_leads, chunks of 500)', ms(imported));
    line('CSV upload → every lead enriched', `${ms(elapsed)} · ${rate.toFixed(0)} leads/s`);
    line('ratio enriched leads/s ÷ bare jobs/s', (rate / bare).toFixed(3));
    line('lookups at the fake Twilio (one per distinct number)', `${lookups.toLocaleString('en-US')} for ${N.toLocaleString('en-US')} numbers`);
    line(`lookup latency seen by the SDK client (simulated ${LOOKUP_MS} ms)`, `p50 ${ms(percentile(samples, 50))} · p95 ${ms(percentile(samples, 95))}`);
    line('leads done / landlines from Lookup / emails with MX / lead_enriched events', `${facts!.done} / ${facts!.landlines} / ${facts!.mx} / ${facts!.events}`);
    line('DNS questions (40 domains)', String(dns.queries.length));
    record({
      bench: 'enrichment', metric: `CSV import → enriched, ${N} leads, lookup ${LOOKUP_MS} ms, ÷ bare jobs, concurrency ${CONCURRENCY}`, unit: '/s',
      figure: rate, baseline: bare, target: null,
    });
    record({ bench: 'enrichment', metric: `lookup latency p50 seen by the client (simulated ${LOOKUP_MS} ms)`, unit: 'ms', figure: percentile(samples, 50), baseline: null, target: null });
    if (facts!.done !== N || lookups !== N) throw new Error(`expected ${N} leads done and ${N} lookups, got ${facts!.done} and ${lookups}`);
  } catch (error) {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  } finally {
    for (const s of stops.reverse()) await s.stop().catch(() => {});
    await sql.end();
    await lookup.close();
    await dns.close();
    if (process.env.BENCH_KEEP !== '1') await dropDatabase(DB);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
