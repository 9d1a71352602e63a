/**
 * Inbound webhook benchmark (issue 5). Figures are ratios against baselines
 * measured in the same run, on the same server, in the same database:
 *   - first delivery: signed Twilio inbound SMS webhooks per second through the
 *     real Hono app (@hono/node-server on 127.0.0.1, real X-Twilio-Signature
 *     verification), each written as one receipt (public.receive_webhook:
 *     receipts-first ingest, issue 16), at N concurrent clients,
 *     divided by pgbench running `INSERT … ON CONFLICT DO NOTHING` into a copy of
 *     webhook_receipts at the same client count for the same duration (target ≥ 0.5,
 *     issue 16); then the same at BENCH_HIGH_CLIENTS (32) clients, as a provider's
 *     concurrent deliveries would come;
 *   - duplicates: the same route replaying already-seen events, divided by the
 *     first-delivery rate (target ≥ 1.0);
 *   - where the time goes: the same requests refused before SQL (no signature,
 *     bad signature), the ingest function called directly at the same concurrency,
 *     and the ingest function's statements timed one by one (auto_explain);
 *   - scaling: the ingest function called directly, N sessions ÷ 1 session
 *     (target ≥ 2.5, issue 16);
 *   - the drain: receipts applied per second by 1 and by 2 drainers
 *     (brain.drain_webhook_receipts, each on its own session) over a backlog of
 *     BENCH_BACKLOG (3000) replies from known leads, and STOP latency: signed STOP replies sent while the
 *     first-delivery load runs and two drainers work through a backlog, timed
 *     from their 200 to the suppression being committed (p50 / p99; target
 *     p99 ≤ 1 s).
 * Requests are signed before the clock starts; the load runs in a worker thread,
 * so client work is not on the server's event loop; BENCH_WARM_SECONDS (3) of
 * first deliveries, not counted, warm the server before round 1. Targets are
 * reported, never asserted.
 *
 *   node --import tsx bench/inbound.ts        (or: make bench)
 *   BENCH_CLIENTS=8 BENCH_HIGH_CLIENTS=32 BENCH_SECONDS=5 BENCH_ROUNDS=3 BENCH_WARM_SECONDS=3 BENCH_INBOUND_DB=revenue_os_bench_inbound BENCH_KEEP=1
 *   BENCH_SECTIONS=drain (or http, drain, stop, comma-separated; all by default) runs only those
 *   sections; BENCH_DRAIN_ROUNDS=3 repeats the drain measurement (1 by default).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import postgres from 'postgres';
import { connect, type Sql } from '../db/client.ts';
import { setLogLevel } from '../lib/log.ts';
import { verifyTwilio } from '../api/signatures.ts';
import { normalizePhone } from '../lib/phone.ts';
import { NUMBERS, PUBLIC_BASE, setupInbound, TWILIO_TOKEN, twilioRequest, type PreparedRequest } from '../tests/harness/inbound.ts';
import { consentOnce, drainOnce, startReceiptDrain } from '../worker/drain.ts';
import { dropDatabase, freshDatabase, heading, line, ms, percentile, record } from './lib.ts';

const DB = process.env.BENCH_INBOUND_DB ?? 'revenue_os_bench_inbound';
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
/**
 * First delivery is measured again at this many clients (BENCH_HIGH_CLIENTS; 0 skips it): a
 * provider delivers webhooks open-loop, many at once, while 8 closed-loop clients leave
 * about four receipts per group commit, so the route's rate at 8 is bound by one round trip.
 */
const HIGH_CLIENTS = Number(process.env.BENCH_HIGH_CLIENTS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Seconds of first deliveries sent before the first round, not counted (BENCH_WARM_SECONDS). */
const WARM_SECONDS = Number(process.env.BENCH_WARM_SECONDS ?? 3);
/** Requests signed in advance; more than any phase can send. */
const MAX_REQUESTS = Number(process.env.BENCH_MAX_REQUESTS ?? 160_000);
const LEADS = 2000;
const SECTIONS = (process.env.BENCH_SECTIONS ?? 'all').split(',').map((x) => x.trim());
/** Whether a section of the benchmark runs: http (first delivery, duplicates, where the time goes), drain, stop (STOP latency). */
const runs = (section: 'http' | 'drain' | 'stop') => SECTIONS.includes('all') || SECTIONS.includes(section);
const DRAIN_ROUNDS = Number(process.env.BENCH_DRAIN_ROUNDS ?? 1);
const BODY = 'what time are you open on saturday';

// ---------------------------------------------------------------------------
// Load generator: a worker thread with N keep-alive clients (plain JS, no tsx).

interface LoadResult {
  sent: number;
  elapsedMs: number;
  latencies: number[];
  statuses: Record<string, number>;
}

/**
 * The load generator: N keep-alive connections, each sending one request and waiting for
 * its answer before the next (a closed loop, as pgbench's clients are). Requests are
 * serialized to HTTP/1.1 bytes in advance and answers are read only as far as the status
 * line and the body's framing, so the generator spends a few microseconds per request and
 * the box's two cores go to the server and PostgreSQL, as they do for pgbench (a C client).
 * The server still parses each request in full: headers, body, signature.
 */
const CLIENT_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const { performance } = require('node:perf_hooks');
const { port, requests, clients, durationMs, cycle } = workerData;
const CRLF2 = Buffer.from('\\r\\n\\r\\n');
const encode = (r) => {
  const body = Buffer.from(r.body, 'utf8');
  const head = ['POST ' + r.path + ' HTTP/1.1', 'Host: 127.0.0.1:' + port, 'Connection: keep-alive'];
  for (const [k, v] of Object.entries(r.headers)) if (k.toLowerCase() !== 'content-length') head.push(k + ': ' + v);
  head.push('Content-Length: ' + body.length);
  return Buffer.concat([Buffer.from(head.join('\\r\\n') + '\\r\\n\\r\\n'), body]);
};
const wire = requests.map(encode);
/** One keep-alive connection: send(buffer) resolves with the answer's status once the whole answer is in. */
function connection() {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    let waiting = null;
    const settle = () => {
      while (waiting) {
        const end = buffer.indexOf(CRLF2);
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1');
        const status = Number(head.slice(9, 12));
        const length = /\\r\\ncontent-length: *(\\d+)/i.exec(head);
        let total;
        if (length) total = end + 4 + Number(length[1]);
        else if (/\\r\\ntransfer-encoding: *chunked/i.test(head)) {
          const last = buffer.indexOf('\\r\\n0\\r\\n\\r\\n', end);
          if (last < 0) return;
          total = last + 7;
        } else total = end + 4;
        if (buffer.length < total) return;
        buffer = buffer.subarray(total);
        const done = waiting;
        waiting = null;
        done(status);
      }
    };
    socket.on('data', (chunk) => { buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk; settle(); });
    socket.on('error', reject);
    socket.on('connect', () => resolve({
      send: (bytes) => new Promise((done) => { waiting = done; socket.write(bytes); }),
      close: () => socket.destroy(),
    }));
  });
}
(async () => {
  const conns = await Promise.all(Array.from({ length: clients }, connection));
  // Warm the connections (not timed, not counted): one GET /healthz each.
  await Promise.all(conns.map((c) => c.send(Buffer.from('GET /healthz HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n'))));
  const latencies = [];
  const statuses = {};
  let next = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(conns.map(async (c) => {
    while (performance.now() < deadline) {
      if (next >= wire.length && !cycle) break;
      const bytes = wire[next++ % wire.length];
      const t = performance.now();
      const status = await c.send(bytes);
      latencies.push(performance.now() - t);
      statuses[status] = (statuses[status] || 0) + 1;
    }
  }));
  const elapsedMs = performance.now() - start;
  conns.forEach((c) => c.close());
  parentPort.postMessage({ sent: latencies.length, elapsedMs, latencies, statuses });
})().catch((e) => { throw e; });
`;

function load(port: number, requests: PreparedRequest[], options: { cycle?: boolean; seconds?: number; clients?: number } = {}): Promise<LoadResult> {
  const plain = requests.map((r) => ({ path: r.path, headers: r.init.headers, body: r.init.body ?? '' }));
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT_CODE, {
      eval: true,
      execArgv: [],
      workerData: { port, requests: plain, clients: options.clients ?? CLIENTS, durationMs: (options.seconds ?? SECONDS) * 1000, cycle: options.cycle ?? false },
    });
    worker.once('message', (m: LoadResult) => resolve(m));
    worker.once('error', reject);
  });
}

function rate(r: { sent: number; elapsedMs: number }): number {
  return r.sent / (r.elapsedMs / 1000);
}

function latencyLine(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `${ms(percentile(sorted, 50))} / ${ms(percentile(sorted, 99))}`;
}

function verdict(value: number, target: number): string {
  return `${value.toFixed(2)} (target ≥ ${target}: ${value >= target ? 'MET' : 'NOT MET'})`;
}

// ---------------------------------------------------------------------------
// pgbench baseline.

function pgbenchBinary(): string {
  for (const p of ['/usr/lib/postgresql/15/bin/pgbench', '/usr/lib/postgresql/16/bin/pgbench', '/usr/lib/postgresql/17/bin/pgbench']) {
    if (existsSync(p)) return p;
  }
  return 'pgbench';
}

async function pgbench(url: string, script: string, defines: Record<string, string>, clients = CLIENTS): Promise<{ tps: number; latencyMs: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-inbound-'));
  try {
    // pgbench reads :name as a variable even inside a string literal: the script has no other colons.
    const file = path.join(dir, 'script.sql');
    await writeFile(file, script);
    const u = new URL(url);
    const args = [
      '-n', '-M', 'prepared', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(SECONDS), '-f', file,
      ...Object.entries(defines).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
      '-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'),
      decodeURIComponent(u.pathname.slice(1)),
    ];
    const env = { ...process.env, ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}) };
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(pgbenchBinary(), args, { env });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.stderr.on('data', (d: Buffer) => (text += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`pgbench exited ${code}: ${text.slice(-500)}`))));
    });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
    const latency = /latency average = ([\d.]+) ms/.exec(out);
    if (!tps) throw new Error(`could not read pgbench's tps: ${out.slice(-500)}`);
    return { tps: Number(tps[1]), latencyMs: latency ? Number(latency[1]) : NaN };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------

/** Signed inbound SMS from known leads (as replies are), each with a new MessageSid. */
function signedMessages(phones: string[], n: number, tag: string): PreparedRequest[] {
  return Array.from({ length: n }, (_, i) =>
    twilioRequest('/webhooks/twilio/messages', {
      MessageSid: `SM${tag}${String(i).padStart(30, '0')}`,
      AccountSid: 'AC' + '1'.repeat(32),
      From: phones[i % phones.length]!,
      To: NUMBERS.A_SMS,
      Body: BODY,
      NumMedia: '0',
    }),
  );
}

const EXPLAIN_CALLS = 20;

/**
 * A one-connection pool whose auto_explain notices, while collecting, become {ms, text}
 * rows: the statement's duration and the first textLength characters of its text.
 */
function explainSession(url: string, textLength: number): { sql: postgres.Sql; plans: { ms: number; text: string }[]; collect: (on: boolean) => void } {
  const plans: { ms: number; text: string }[] = [];
  let collecting = false;
  const sql = postgres(url, {
    max: 1,
    onnotice: (n) => {
      if (!collecting) return;
      const lines = String(n.message).split('\n');
      const duration = /^duration: ([\d.]+) ms/.exec(lines[0] ?? '');
      if (!duration) return;
      const planAt = lines.findIndex((l, i) => i > 1 && /\((cost|actual time)=/.test(l));
      const text = lines.slice(1, planAt > 0 ? planAt : undefined).join(' ').replace(/^Query Text:\s*/, '').replace(/\s+/g, ' ').trim();
      plans.push({ ms: Number(duration[1]), text: text.slice(0, textLength) });
    },
  });
  return { sql, plans, collect: (on) => (collecting = on) };
}

/** auto_explain on for the rest of tx (every statement, nested ones too, timed, as notices), then acting as role. */
async function autoExplain(tx: postgres.TransactionSql, role: string): Promise<void> {
  await tx.unsafe(`reset role`);
  await tx.unsafe(`load 'auto_explain'`);
  for (const setting of ['log_min_duration = 0', 'log_nested_statements = on', 'log_analyze = on', 'log_timing = on', 'log_level = notice']) {
    await tx.unsafe(`set local auto_explain.${setting}`);
  }
  await tx.unsafe(`set local client_min_messages = notice`);
  await tx.unsafe(`set local role ${role}`);
}


/**
 * Each statement the ingest function runs, with its time, from auto_explain (sent
 * back as notices): 20 warm-up calls first (plans cached, as in a long-lived pool),
 * then EXPLAIN_CALLS calls explained; all in one transaction, rolled back.
 */
async function explainIngest(url: string, phones: string[]): Promise<{ ms: number; text: string }[]> {
  const { sql: explained, plans, collect } = explainSession(url, 100);
  const call = (tx: postgres.TransactionSql, i: number) =>
    tx`select public.ingest_inbound_message('twilio', ${'SMexplain' + i}, 'sms', ${phones[i % phones.length]!}, ${NUMBERS.A_SMS}, ${BODY}, now())`;
  try {
    await explained.begin(async (tx) => {
      await tx.unsafe(`set local role revenue_ingest`);
      for (let i = 0; i < 20; i++) await call(tx, i);
      await autoExplain(tx, 'revenue_ingest');
      collect(true);
      for (let i = 20; i < 20 + EXPLAIN_CALLS; i++) await call(tx, i);
      collect(false);
      throw new Rollback();
    }).catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  } finally {
    await explained.end();
  }
  return plans;
}

const DRAIN_EXPLAIN_RECEIPTS = Number(process.env.BENCH_DRAIN_EXPLAIN ?? 500);

/**
 * Where a drained receipt's time goes: in one transaction (rolled back), a warm-up drain of
 * DRAIN_EXPLAIN_RECEIPTS waiting receipts (plans cached, as in the worker's long-lived
 * sessions), a second drain of as many timed plainly, then rolled back to the savepoint and
 * drained again under auto_explain (log_nested_statements, timings): each statement's
 * milliseconds per receipt. The backlog must hold 2 × DRAIN_EXPLAIN_RECEIPTS waiting receipts.
 */
async function explainDrain(url: string): Promise<{ claimed: number; plainMs: number; plainCpuMs: number | null; explainedMs: number;
  statements: { text: string; perReceipt: number; n: number }[] }> {
  const { sql: explained, plans, collect } = explainSession(url, 110);
  let result: Awaited<ReturnType<typeof explainDrain>> | null = null;
  const drain = async (tx: postgres.TransactionSql) => {
    const t = performance.now();
    const [row] = await tx<{ r: { claimed: number } }[]>`select brain.drain_webhook_receipts(${DRAIN_EXPLAIN_RECEIPTS}::integer, 16) as r`;
    return { claimed: row!.r.claimed, ms: performance.now() - t };
  };
  // The backend's own CPU time (Linux /proc/<pid>/schedstat, ns on CPU): what the drain costs
  // whatever else the machine runs. Superuser only; null where it cannot be read.
  const cpuNs = async (tx: postgres.TransactionSql): Promise<bigint | null> => {
    await tx.unsafe(`savepoint cpu`);
    try {
      const [row] = await tx<{ ns: string }[]>`
        select split_part(pg_read_file('/proc/' || pg_backend_pid() || '/schedstat'), ' ', 1) as ns`;
      await tx.unsafe(`release savepoint cpu`);
      return BigInt(row!.ns);
    } catch {
      await tx.unsafe(`rollback to savepoint cpu`);
      return null;
    }
  };
  try {
    await explained.begin(async (tx) => {
      await tx.unsafe(`set local role revenue_worker`);
      await drain(tx);
      await tx.unsafe(`savepoint timed`);
      await tx.unsafe(`reset role`);
      const cpuBefore = await cpuNs(tx);
      await tx.unsafe(`set local role revenue_worker`);
      const plain = await drain(tx);
      await tx.unsafe(`reset role`);
      const cpuAfter = cpuBefore === null ? null : await cpuNs(tx);
      await tx.unsafe(`rollback to savepoint timed`);
      await autoExplain(tx, 'revenue_worker');
      collect(true);
      const withExplain = await drain(tx);
      collect(false);
      const byText = new Map<string, number[]>();
      for (const p of plans) byText.set(p.text, [...(byText.get(p.text) ?? []), p.ms]);
      const statements = [...byText.entries()].filter(([text]) => !/drain_webhook_receipts/.test(text))
        .map(([text, xs]) => ({ text, perReceipt: xs.reduce((a, b) => a + b, 0) / withExplain.claimed, n: xs.length / withExplain.claimed }))
        .sort((a, b) => b.perReceipt - a.perReceipt);
      const plainCpuMs = cpuBefore !== null && cpuAfter !== null ? Number(cpuAfter - cpuBefore) / 1e6 : null;
      result = { claimed: plain.claimed, plainMs: plain.ms, plainCpuMs, explainedMs: withExplain.ms, statements };
      throw new Rollback();
    }).catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  } finally {
    await explained.end();
  }
  if (!result) throw new Error('the drain profile did not run');
  return result;
}

/** Mean microseconds of fn over a few thousand calls (after a warm-up). */
function microseconds(fn: () => unknown, n = 5000): number {
  for (let i = 0; i < 500; i++) fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) fn();
  return ((performance.now() - t) * 1000) / n;
}

class Rollback extends Error {}

/** Calls the ingest function directly (no HTTP), `clients` at a time, for the duration; ids SM<tag><n>, cycling over the first `cycle` when given (replays). */
async function directIngest(ingestSql: Sql, phones: string[], tag: string, clients: number, cycle = 0): Promise<{ sent: number; elapsedMs: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  const deadline = start + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const i = cycle > 0 ? next++ % cycle : next++;
        const t = performance.now();
        await ingestSql`select public.ingest_inbound_message('twilio', ${`SM${tag}${String(i).padStart(30, '0')}`}, 'sms',
                                                            ${phones[i % phones.length]!}, ${NUMBERS.A_SMS}, ${BODY}, now())`;
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { sent: latencies.length, elapsedMs: performance.now() - start, latencies };
}

async function main(): Promise<void> {
  setLogLevel('error');
  heading(`Inbound webhook benchmark: ${CLIENTS} concurrent clients, ${SECONDS} s per phase`);
  const { url, sql } = await freshDatabase(DB);
  const ingestSql = connect(url, { max: CLIENTS, role: 'revenue_ingest', applicationName: 'bench-inbound-webhooks' });
  let server: ReturnType<typeof serve> | null = null;
  try {
    const { app, accountA } = await setupInbound(sql, ingestSql);
    const leads = await sql<{ phone: string }[]>`
      insert into public.leads (account_id, phone, lead_state, source, external_id)
      select ${accountA}, '+1305' || (2000000 + i)::text, 'touched', 'bench', 'b' || i from generate_series(1, ${LEADS}) i
      returning phone`;
    const phones = leads.map((l) => l.phone);
    await sql`create table public.bench_receipts (like public.webhook_receipts including all)`;
    await sql`vacuum analyze`;

    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server!.once('listening', () => resolve()));
    const port = (server.address() as AddressInfo).port;
    line('server', `http://127.0.0.1:${port} (@hono/node-server), webhook pool ${CLIENTS} connections as revenue_ingest`);

    // Signing happens here, before any clock starts.
    let t = performance.now();
    const first = runs('http') || runs('stop') ? signedMessages(phones, MAX_REQUESTS, 'A') : [];
    line(`signed ${first.length} requests in advance`, ms(performance.now() - t));

    // Rounds alternate the baseline and the route, so load from other processes on the
    // machine falls on both sides of each ratio; the figures are medians of the rounds.
    const insertScript = `insert into public.bench_receipts (provider, idempotency_key, account_id, event_type)
       values ('twilio', 'message-SM' || md5(random()::text || clock_timestamp()::text), cast(:account as uuid), 'inbound_sms')
       on conflict do nothing;\n`;
    const conflictScript = `insert into public.bench_receipts (provider, idempotency_key, account_id, event_type)
       values ('twilio', 'message-SMdup', cast(:account as uuid), 'inbound_sms') on conflict do nothing;\n`;
    const rounds: { base: number; baseDup: number; first: number; dup: number; firstLat: number[]; dupLat: number[] }[] = [];
    let offset = 0;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    let firstRate = NaN;
    if (runs('http')) {
    // A long-running API process is warm: its hot code compiled, its pool's statements
    // planned. WARM_SECONDS of first deliveries (their own events, not counted) get this
    // process there before the first round; without it round 1 ran at about half the rate.
    const warmRun = await load(port, signedMessages(phones, 20_000, 'W'), { seconds: WARM_SECONDS });
    const [warm] = await sql<{ n: number }[]>`select count(*)::int as n from public.webhook_receipts where kind = 'inbound_message'`;
    line(`warm-up (not counted): first deliveries for ${WARM_SECONDS} s`, `${rate(warmRun).toFixed(0)} /s`);
    for (let round = 1; round <= ROUNDS; round++) {
      heading(`round ${round} of ${ROUNDS}`);
      const base = await pgbench(url, insertScript, { account: accountA });
      line(`pgbench INSERT … ON CONFLICT DO NOTHING (copy of webhook_receipts)`, `${base.tps.toFixed(0)} tx/s, latency average ${ms(base.latencyMs)}`);

      const batch = first.slice(offset);
      const firstRun = await load(port, batch);
      if (firstRun.sent >= batch.length) throw new Error('ran out of pre-signed requests: raise BENCH_MAX_REQUESTS');
      const seen = batch.slice(0, firstRun.sent);
      offset += firstRun.sent;
      const [stored] = await sql<{ n: number }[]>`select count(*)::int as n from public.webhook_receipts where kind = 'inbound_message'`;
      line('first delivery: signed inbound SMS → Hono → one receipt', `${rate(firstRun).toFixed(0)} /s, p50 / p99 ${latencyLine(firstRun.latencies)}; ${JSON.stringify(firstRun.statuses)}`);

      const dupRun = await load(port, seen, { cycle: true });
      const [after] = await sql<{ n: number }[]>`select count(*)::int as n from public.webhook_receipts where kind = 'inbound_message'`;
      line('100% duplicates (replays of that round\'s events)', `${rate(dupRun).toFixed(0)} /s, p50 / p99 ${latencyLine(dupRun.latencies)}; ${JSON.stringify(dupRun.statuses)}`);
      if (after!.n !== stored!.n || stored!.n !== offset + warm!.n) throw new Error(`stored ${stored!.n} then ${after!.n} receipts for ${offset} distinct events (after ${warm!.n} from the warm-up)`);

      const baseDup = await pgbench(url, conflictScript, { account: accountA });
      line('pgbench, the same insert always conflicting (reference)', `${baseDup.tps.toFixed(0)} tx/s, latency average ${ms(baseDup.latencyMs)}`);
      line('ratios this round: first / pgbench, duplicates / first',
        `${(rate(firstRun) / base.tps).toFixed(3)}, ${(rate(dupRun) / rate(firstRun)).toFixed(2)}`);
      rounds.push({ base: base.tps, baseDup: baseDup.tps, first: rate(firstRun), dup: rate(dupRun), firstLat: firstRun.latencies, dupLat: dupRun.latencies });
    }
    firstRate = median(rounds.map((r) => r.first));
    const dupRate = median(rounds.map((r) => r.dup));
    heading(`summary (${CLIENTS} clients, ${ROUNDS} rounds of ${SECONDS} s, medians)`);
    line('pgbench INSERT … ON CONFLICT DO NOTHING', `${median(rounds.map((r) => r.base)).toFixed(0)} tx/s`);
    line('first delivery through Hono + receive_webhook', `${firstRate.toFixed(0)} /s, p50 / p99 ${latencyLine(rounds.flatMap((r) => r.firstLat))}`);
    line('100% duplicates, same route', `${dupRate.toFixed(0)} /s, p50 / p99 ${latencyLine(rounds.flatMap((r) => r.dupLat))}`);
    line('first delivery / pgbench', verdict(median(rounds.map((r) => r.first / r.base)), 0.5));
    line('duplicates / first delivery', verdict(median(rounds.map((r) => r.dup / r.first)), 1.0));
    record({
      bench: 'inbound', metric: `webhook first delivery ÷ pgbench insert, ${CLIENTS} clients`, unit: '/s',
      figure: firstRate, baseline: median(rounds.map((r) => r.base)), ratio: median(rounds.map((r) => r.first / r.base)),
      target: { of: 'ratio', op: '>=', value: 0.5 },
    });
    record({
      bench: 'inbound', metric: 'webhook duplicates ÷ first delivery', unit: '/s',
      figure: dupRate, baseline: firstRate, ratio: median(rounds.map((r) => r.dup / r.first)),
      target: { of: 'ratio', op: '>=', value: 1.0 },
    });
    line('duplicates / pgbench always-conflicting insert (reference)', median(rounds.map((r) => r.dup / r.baseDup)).toFixed(3));

    if (HIGH_CLIENTS > 0) {
      // The same comparison at HIGH_CLIENTS: pgbench's clients and the route's alternate again.
      heading(`first delivery at ${HIGH_CLIENTS} clients (${ROUNDS} rounds of ${SECONDS} s)`);
      const high: { base: number; first: number; lat: number[] }[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const base = await pgbench(url, insertScript, { account: accountA }, HIGH_CLIENTS);
        const batch = first.slice(offset);
        const run = await load(port, batch, { clients: HIGH_CLIENTS });
        if (run.sent >= batch.length) throw new Error('ran out of pre-signed requests: raise BENCH_MAX_REQUESTS');
        offset += run.sent;
        const [stored] = await sql<{ n: number }[]>`select count(*)::int as n from public.webhook_receipts where kind = 'inbound_message'`;
        if (stored!.n !== offset + warm!.n) throw new Error(`stored ${stored!.n} receipts for ${offset} distinct events (after ${warm!.n} from the warm-up)`);
        line(`round ${round}: pgbench / first delivery`,
          `${base.tps.toFixed(0)} tx/s / ${rate(run).toFixed(0)} /s (p50 / p99 ${latencyLine(run.latencies)}; ${JSON.stringify(run.statuses)}), ratio ${(rate(run) / base.tps).toFixed(3)}`);
        high.push({ base: base.tps, first: rate(run), lat: run.latencies });
      }
      const highRate = median(high.map((r) => r.first));
      const highRatio = median(high.map((r) => r.first / r.base));
      line(`first delivery / pgbench, ${HIGH_CLIENTS} clients (medians)`, verdict(highRatio, 0.5));
      record({
        bench: 'inbound', metric: `webhook first delivery ÷ pgbench insert, ${HIGH_CLIENTS} clients`, unit: '/s',
        figure: highRate, baseline: median(high.map((r) => r.base)), ratio: highRatio,
        target: { of: 'ratio', op: '>=', value: 0.5 },
      });
    }
    }

    const drainSessions = [0, 1].map((i) => connect(url, { max: 2, role: 'revenue_worker', applicationName: `bench-inbound-drain-${i}` }));
    const pending = async () => {
      const [p] = await sql<{ n: number }[]>`select count(*)::int as n from public.webhook_receipts where processed_at is null`;
      return p!.n;
    };
    // CPU time (ns) of the drain sessions' backends so far (Linux /proc/<pid>/schedstat; superuser), or null.
    const drainCpuNs = async (): Promise<bigint | null> => {
      try {
        const [row] = await sql<{ ns: string | null }[]>`
          select sum(split_part(pg_read_file('/proc/' || pid || '/schedstat'), ' ', 1)::bigint)::text as ns
          from pg_stat_activity where application_name like 'bench-inbound-drain-%'`;
        return row?.ns ? BigInt(row.ns) : null;
      } catch {
        return null;
      }
    };
    const drainFor = async (drainers: number): Promise<{ processed: number; elapsedMs: number; batches: number; cpuMs: number | null }> => {
      let processed = 0;
      let batches = 0;
      // Open the sessions first, so their backends are counted from the start.
      await Promise.all(drainSessions.slice(0, drainers).map((d) => d`select 1`));
      const cpuBefore = await drainCpuNs();
      const start = performance.now();
      const deadline = start + SECONDS * 1000;
      await Promise.all(drainSessions.slice(0, drainers).map(async (d) => {
        while (performance.now() < deadline) {
          // Half the partitions per batch (as the worker's loops take), so the other drainer finds work.
          const r = await drainOnce(d, 500, drainers > 1 ? 8 : 16);
          if (r.claimed === 0) {
            if ((await pending()) === 0) break;
            await new Promise((resolve) => setTimeout(resolve, 5));
            continue;
          }
          processed += r.processed;
          batches += 1;
        }
      }));
      const elapsedMs = performance.now() - start;
      const cpuAfter = cpuBefore === null ? null : await drainCpuNs();
      return { processed, elapsedMs, batches, cpuMs: cpuBefore !== null && cpuAfter !== null ? Number(cpuAfter - cpuBefore) / 1e6 : null };
    };
    // A backlog of replies from the existing leads, as a burst of webhooks would leave it.
    const fillBacklog = async (n: number, tag: string) => {
      await sql`
        insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type, kind, ordering_key, payload, processed_at)
        select 'twilio', 'message:SMbacklog' || ${tag} || i, ${accountA}, 'inbound_sms', 'inbound_message', 'phone:' || p.phone,
               jsonb_build_object('provider', 'twilio', 'event_id', 'SMbacklog' || ${tag} || i, 'channel', 'sms', 'from', p.phone,
                                  'to', ${NUMBERS.A_SMS}::text, 'body', ${BODY}::text),
               null
        from generate_series(1, ${n}) i
        join unnest(${phones}::text[]) with ordinality p(phone, k) on p.k = 1 + (i % ${phones.length})
        order by i`;
    };
    const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 3000);
    if (runs('drain')) {
    heading('the drain (receipts-first ingest)');
    // Where a drained receipt's time goes, first (rolled back, so the backlog is left as it was).
    await fillBacklog(DRAIN_EXPLAIN_RECEIPTS * 2, 'x');
    const profile = await explainDrain(url).catch((e: Error) => {
      line('auto_explain unavailable', e.message);
      return null;
    });
    if (profile) {
      line(`drain of ${profile.claimed} receipts, rolled back: plain / under auto_explain`,
        `${ms(profile.plainMs / profile.claimed)} / ${ms(profile.explainedMs / profile.claimed)} per receipt`);
      if (profile.plainCpuMs !== null) {
        line('  the same plain drain, backend CPU time (not wall clock)', `${ms(profile.plainCpuMs / profile.claimed)} per receipt`);
      }
      line('  ms per receipt × runs per receipt', 'statement (nested statements are also counted in their caller)');
      for (const p of profile.statements.slice(0, 20)) line(`  ${ms(p.perReceipt).padStart(9)}  × ${p.n.toFixed(2)}`, p.text);
    }
    await sql`delete from public.webhook_receipts where idempotency_key like 'message:SMbacklogx%'`;
    const drainRates: Record<number, number[]> = { 1: [], 2: [] };
    const drainCpu: Record<number, number[]> = { 1: [], 2: [] };
    for (let round = 1; round <= DRAIN_ROUNDS; round++) {
      await fillBacklog(BACKLOG, `c${round}-`);
      let backlog = await pending();
      const consentStart = performance.now();
      const consent = await consentOnce(drainSessions[0]!);
      line(`consent pre-pass over ${backlog} waiting receipts (set-based, one statement)`,
        `${ms(performance.now() - consentStart)}, ${consent.checked} checked, ${consent.opt_outs} revocations`);
      for (const drainers of [1, 2]) {
        if (drainers === 2) await fillBacklog(BACKLOG, `d${round}-`);
        backlog = await pending();
        const d = await drainFor(drainers);
        drainRates[drainers]!.push(rate({ sent: d.processed, elapsedMs: d.elapsedMs }));
        if (d.cpuMs !== null && d.processed > 0) drainCpu[drainers]!.push(d.cpuMs / d.processed);
        line(`${drainers} drainer${drainers > 1 ? 's' : ''}, batches of 500 (backlog ${backlog})`,
          `${drainRates[drainers]!.at(-1)!.toFixed(0)} receipts/s (${d.processed} in ${d.batches} batches)` +
          (d.cpuMs !== null && d.processed > 0 ? `; drain backends' CPU ${ms(d.cpuMs / d.processed)} per receipt` : ''));
      }
    }
    if (DRAIN_ROUNDS > 1) {
      line(`drain, median of ${DRAIN_ROUNDS} rounds: 1 / 2 drainers`, `${median(drainRates[1]!).toFixed(0)} / ${median(drainRates[2]!).toFixed(0)} receipts/s`);
      if (drainCpu[1]!.length > 0 && drainCpu[2]!.length > 0) {
        line('  drain backends\' CPU per receipt, medians: 1 / 2 drainers', `${ms(median(drainCpu[1]!))} / ${ms(median(drainCpu[2]!))}`);
      }
    }
    if (Number.isFinite(firstRate)) {
      line('drain, 2 drainers / first delivery (can the drain keep up?)', (median(drainRates[2]!) / firstRate).toFixed(2));
    }
    record({ bench: 'inbound', metric: 'receipts drained per s, 2 drainers ÷ first delivery', unit: '/s', figure: median(drainRates[2]!),
             baseline: Number.isFinite(firstRate) ? firstRate : null, target: null });
    }

    // STOP latency: first-delivery load at CLIENTS, two worker-style drain loops (consent pre-pass +
    // drain) on their own sessions, a backlog waiting; a STOP every 100 ms from a number of its own,
    // timed from its 200 to its suppression being committed.
    if (runs('stop')) {
    await fillBacklog(BACKLOG, 'e');
    heading(`STOP latency under load (${CLIENTS} clients of first deliveries, 2 drain loops, backlog ${await pending()})`);
    const loops = drainSessions.map((d) => startReceiptDrain(d));
    const probe = connect(url, { max: 1, applicationName: 'bench-inbound-stop-probe' });
    const stopLatencies: number[] = [];
    try {
      const loadRun = load(port, first.slice(offset));
      const stops = Array.from({ length: Math.max(10, SECONDS * 10) }, (_, i) => ({
        phone: '+1786' + String(2340000 + i),
        req: twilioRequest('/webhooks/twilio/messages', {
          MessageSid: `SMstop${String(i).padStart(28, '0')}`, AccountSid: 'AC' + '1'.repeat(32),
          From: '+1786' + String(2340000 + i), To: NUMBERS.A_SMS, Body: 'STOP', NumMedia: '0',
        }),
      }));
      const deadline = performance.now() + SECONDS * 1000;
      const probes: Promise<void>[] = [];
      for (const stop of stops) {
        if (performance.now() > deadline) break;
        probes.push((async () => {
          const res = await fetch(`http://127.0.0.1:${port}${stop.req.path}`, { method: 'POST', headers: stop.req.init.headers, body: stop.req.init.body });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`STOP answered ${res.status}`);
          const answered = performance.now();
          for (;;) {
            const [hit] = await probe<{ n: number }[]>`
              select count(*)::int as n from public.suppressions where account_id = ${accountA} and phone = ${stop.phone} and lifted_at is null`;
            if (hit!.n > 0) break;
            if (performance.now() - answered > 30_000) throw new Error('a STOP was not applied within 30 s');
            await new Promise((r) => setTimeout(r, 5));
          }
          stopLatencies.push(performance.now() - answered);
        })());
        await new Promise((r) => setTimeout(r, 100));
      }
      await Promise.all(probes);
      const loaded = await loadRun;
      offset += loaded.sent;
      line('first delivery meanwhile', `${rate(loaded).toFixed(0)} /s, p50 / p99 ${latencyLine(loaded.latencies)}`);
    } finally {
      await Promise.all(loops.map((l) => l.stop()));
      await probe.end({ timeout: 5 });
    }
    const sortedStops = [...stopLatencies].sort((a, b) => a - b);
    const stopP99 = percentile(sortedStops, 99);
    line(`STOP: 200 → suppression committed (${stopLatencies.length} STOPs, polled every 5 ms)`,
      `p50 ${ms(percentile(sortedStops, 50))}, p99 ${ms(stopP99)} (target p99 ≤ 1 s: ${stopP99 <= 1000 ? 'MET' : 'NOT MET'})`);
    line('backlog left after the STOP phase', String(await pending()));
    record({ bench: 'inbound', metric: 'STOP 200 → suppression committed, p99, under load', unit: 'ms', figure: stopP99, baseline: null,
             target: { of: 'figure', op: '<=', value: 1000 } });
    }
    await Promise.all(drainSessions.map((d) => d.end({ timeout: 5 })));

    if (runs('http')) {
    heading('where the time goes');
    // In process, one call at a time: the signature check (Twilio SDK) and the number parsing the handler does.
    const sample = first[0]!;
    const params = Object.fromEntries(new URLSearchParams(sample.init.body));
    const sigUs = microseconds(() => verifyTwilio(TWILIO_TOKEN, sample.init.headers['x-twilio-signature']!, `${PUBLIC_BASE}${sample.path}`, params));
    const phoneUs = microseconds(() => normalizePhone(params.From!));
    line('Twilio signature check (SDK), in process', `${sigUs.toFixed(1)} µs per request`);
    line('normalizePhone (the handler does From and To), in process', `${phoneUs.toFixed(1)} µs per number`);
    // Over HTTP, refused before any SQL: no signature (HTTP + routing), then a forged one (+ body read and HMAC checks).
    const unsigned = first.slice(0, 5000).map((r) => twilioRequest(r.path, Object.fromEntries(new URLSearchParams(r.init.body)), { signature: null }));
    const unsignedRun = await load(port, unsigned, { cycle: true });
    const forged = first.slice(0, 5000).map((r) => twilioRequest(r.path, Object.fromEntries(new URLSearchParams(r.init.body)), { token: 'not-the-token-0123456789' }));
    const forgedRun = await load(port, forged, { cycle: true });
    const direct = await directIngest(ingestSql, phones, 'D', CLIENTS);
    const directOne = await directIngest(ingestSql, phones, 'E', 1);
    const directDup = await directIngest(ingestSql, phones, 'D', CLIENTS, direct.sent);
    const httpOnly = rate(unsignedRun);
    const withSignature = rate(forgedRun);
    const directRate = rate(direct);
    line(`HTTP + Hono, refused: no signature (no SQL), ${CLIENTS} clients`, `${httpOnly.toFixed(0)} /s, p50 / p99 ${latencyLine(unsignedRun.latencies)}`);
    line(`… refused as forged (body read, HMAC checks), ${CLIENTS} clients`, `${withSignature.toFixed(0)} /s, p50 / p99 ${latencyLine(forgedRun.latencies)}`);
    line(`ingest_inbound_message called directly, ${CLIENTS} sessions`, `${directRate.toFixed(0)} /s, p50 / p99 ${latencyLine(direct.latencies)}`);
    line('ingest_inbound_message called directly, 1 session', `${rate(directOne).toFixed(0)} /s, p50 / p99 ${latencyLine(directOne.latencies)}`);
    line(`ingest_inbound_message, duplicates, ${CLIENTS} sessions`, `${rate(directDup).toFixed(0)} /s, p50 / p99 ${latencyLine(directDup.latencies)}`);
    line(`scaling of the direct call, ${CLIENTS} sessions / 1`, verdict(directRate / rate(directOne), 2.5));
    record({
      bench: 'inbound', metric: `ingest SQL direct, ${CLIENTS} sessions ÷ 1`, unit: '/s',
      figure: directRate, baseline: rate(directOne), target: { of: 'ratio', op: '>=', value: 2.5 },
    });
    line('direct call / pgbench (median)', (directRate / median(rounds.map((r) => r.base))).toFixed(3));
    line('full route / direct call', (firstRate / directRate).toFixed(2));
    // The ingest transaction NOTIFYs twice (revenue_inbound, and graphile_worker.add_jobs' jobs:insert). A
    // notifying transaction holds one database-wide lock from pre-commit through its WAL flush, so such
    // commits run one at a time. The same pgbench insert with and without a pg_notify shows what that costs.
    const notifyScript = `begin;\n${insertScript}select pg_notify('bench_inbound', 'x');\nend;\n`;
    const plainOne = await pgbench(url, insertScript, { account: accountA }, 1);
    const notifyOne = await pgbench(url, notifyScript, { account: accountA }, 1);
    const plainMany = await pgbench(url, insertScript, { account: accountA });
    const notifyMany = await pgbench(url, notifyScript, { account: accountA });
    line('pgbench insert, 1 client: plain / + pg_notify', `${plainOne.tps.toFixed(0)} / ${notifyOne.tps.toFixed(0)} tx/s`);
    line(`pgbench insert, ${CLIENTS} clients: plain / + pg_notify`, `${plainMany.tps.toFixed(0)} / ${notifyMany.tps.toFixed(0)} tx/s`);
    line(`scaling ${CLIENTS} clients / 1: plain / + pg_notify`,
      `${(plainMany.tps / plainOne.tps).toFixed(2)} / ${(notifyMany.tps / notifyOne.tps).toFixed(2)}`);

    heading('ingest_inbound_message, statement by statement (auto_explain; 20 warm calls, new replies, rolled back)');
    const plans = await explainIngest(url, phones.slice(100, 140)).catch((e: Error) => {
      line('auto_explain unavailable', e.message);
      return [];
    });
    const byText = new Map<string, number[]>();
    for (const p of plans) byText.set(p.text, [...(byText.get(p.text) ?? []), p.ms]);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const outer = [...byText.entries()].find(([text]) => /ingest_inbound_message/.test(text));
    line('whole call, mean', outer ? ms(mean(outer[1])) : 'n/a');
    const inner = [...byText.entries()].filter(([text]) => !/ingest_inbound_message/.test(text))
      .map(([text, xs]) => ({ text, perCall: xs.reduce((a, b) => a + b, 0) / EXPLAIN_CALLS, n: xs.length / EXPLAIN_CALLS }))
      .sort((a, b) => b.perCall - a.perCall);
    line('distinct statements run inside it (nested ones included)', String(inner.length));
    line('  ms per call  × runs per call', 'statement (nested statements are also counted in their caller)');
    for (const p of inner.slice(0, 15)) line(`  ${ms(p.perCall).padStart(9)}  × ${p.n.toFixed(1)}`, p.text);
    }
  } catch (error) {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  } finally {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    await ingestSql.end({ timeout: 5 });
    await sql.end();
    if (process.env.BENCH_KEEP !== '1') await dropDatabase(DB);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
