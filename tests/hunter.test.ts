/**
 * The Craigslist hunter end to end: real hunter processes in Debian's Chromium against the
 * fixture site (tests/fakes/craigslist-site.ts) and a real database. Three hunters drain one
 * account's queue; then one hunter is killed and one stopped while each holds a task.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../db/build.ts';
import { connect, type Sql } from '../db/client.ts';
import {
  FIXTURE_POSTINGS,
  TWICE_REACHABLE_ID,
  fixturePostedAt,
  startCraigslistSite,
  type CraigslistSite,
} from './fakes/craigslist-site.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';
import { handleSpawnErrors } from './harness/process.ts';

type LogLine = { ts: string; level: string; event: string; [k: string]: unknown };

interface Hunter {
  id: string;
  child: ChildProcess;
  lines: LogLine[];
  exited: Promise<number | null>;
}

/** The hunters' page limit in these tests (CL_HARD_TIMEOUT_MS). */
const HARD_TIMEOUT_MS = 12_000;

/** Set by the suite: what the hunters said, so a time-out explains itself. */
let explain: () => string = () => '';

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; ${explain()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const byId = (id: string) => FIXTURE_POSTINGS.find((p) => p.id === id)!;

describe('Craigslist hunter', () => {
  let db: TestDatabase;
  let worker: Sql; // the queue's functions, called as revenue_worker like the hunter does
  let site: CraigslistSite;
  let evidenceDir: string;
  const hunters: Hunter[] = [];
  let accountId = '';

  function startHunter(id: string, extra: Record<string, string> = {}): Hunter {
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      WORKER_ID: id,
      CL_HEADLESS: '1',
      CL_SLOWMO: '0',
      CL_JITTER_MIN_MS: '20',
      CL_JITTER_MAX_MS: '80',
      // Long enough that a busy machine never turns a normal page into a goto_timeout (which backs off ~10 minutes).
      CL_HARD_TIMEOUT_MS: String(HARD_TIMEOUT_MS),
      CL_WAIT_SELECTOR_MS: '6000',
      CL_SCREENSHOT_DIR: evidenceDir,
      CL_BASE_URL: site.baseUrl,
      CL_IDLE_POLL_MS: '150',
      CL_BLOCK_COOLDOWN_MS: '0',
      CL_SHUTDOWN_GRACE_MS: '1000',
      LOG_LEVEL: 'info',
      ...extra,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'hunter/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: LogLine[] = [];
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          lines.push(JSON.parse(line) as LogLine);
        } catch {
          lines.push({ ts: new Date().toISOString(), level: 'raw', event: 'RAW', text: line });
        }
      }
    });
    const stderr: string[] = [];
    child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
    handleSpawnErrors(child, (line) => stderr.push(line), `hunter ${id}`);
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        if (code !== 0 && code !== null && stderr.length) process.stderr.write(`[${id}] ${stderr.join('')}`);
        resolve(code);
      }),
    );
    const h = { id, child, lines, exited };
    hunters.push(h);
    return h;
  }

  const task = async (where: { externalId?: string; discoverCity?: string }) => {
    const rows = where.externalId
      ? await db.sql`select * from lead_hunter.craigslist_tasks_v1 where account_id = ${accountId} and external_id = ${where.externalId}`
      : await db.sql`select * from lead_hunter.craigslist_tasks_v1
                     where account_id = ${accountId} and task_type = 'discover' and city = ${where.discoverCity!}
                     order by created_at desc limit 1`;
    return rows[0]!;
  };
  const allLines = (): LogLine[] => hunters.flatMap((h) => h.lines.map((l): LogLine => ({ ...l, hunter: h.id })));
  explain = () => {
    const said = allLines().slice(-12).map((l) => `${String(l.hunter)} ${l.event}${l.error ? ` ${String(l.error)}` : ''}`);
    const alive = hunters.map((h) => `${h.id}:${h.child.exitCode === null ? 'running' : `exited ${h.child.exitCode}`}`);
    return `hunters ${alive.join(', ') || 'none'}; last lines: ${said.join(' | ') || 'none'}`;
  };

  beforeAll(async () => {
    db = await cloneTemplate('hunter');
    worker = connect(db.url, { role: 'revenue_worker', max: 2, applicationName: 'revenue-os-test-hunter' });
    site = await startCraigslistSite();
    evidenceDir = await mkdtemp(path.join(tmpdir(), 'revenue-os-hunter-evidence-'));
    const [account] = await db.sql<{ id: string }[]>`
      insert into public.accounts (name, slug) values ('Sunshine Motors', 'sunshine-motors') returning id`;
    accountId = account!.id;
    await db.sql`update public.org_settings
                 set leadgen_routing = ${db.sql.json({ active: true, dealer_address: '1200 Biscayne Blvd, Miami, FL', radius_miles: 25, city_fallback: 'miami' })}
                 where account_id = ${accountId}`;
  });

  afterAll(async () => {
    for (const h of hunters) h.child.kill('SIGKILL');
    await Promise.all(hunters.map((h) => h.exited));
    await worker?.end({ timeout: 5 });
    await site?.close();
    await db?.drop();
    if (evidenceDir) await rm(evidenceDir, { recursive: true, force: true });
  });

  it('three hunters drain the queue into deduplicated leads, each failure with its code and evidence', async () => {
    const t0 = Date.now();
    for (const city of ['miami', 'orlando', 'tampa']) {
      await worker`select lead_hunter.enqueue_craigslist_discover_v1(${accountId}, ${city})`;
    }
    const pool = [startHunter('hunter-1'), startHunter('hunter-2'), startHunter('hunter-3')];

    // Drained: all nine postings have a detail task, nothing is claimed, nothing due is queued.
    await until(async () => {
      const [r] = await db.sql<{ details: number; busy: number }[]>`
        select count(*) filter (where task_type = 'detail')::int as details,
               count(*) filter (where status = 'claimed' or (status = 'queued' and not_before <= now()))::int as busy
        from lead_hunter.craigslist_tasks_v1 where account_id = ${accountId}`;
      return r!.details === 9 && r!.busy === 0;
    }, 150_000, 'the queue to drain'); // a hang guard: three Chromiums on two busy cores can take minutes
    const drainedMs = Date.now() - t0;

    // Idle hunters stop at once on SIGTERM, exit 0, and say so.
    for (const h of pool) h.child.kill('SIGTERM');
    const codes = await Promise.race([
      Promise.all(pool.map((h) => h.exited)),
      new Promise<null>((r) => setTimeout(() => r(null), 10_000)),
    ]);
    expect(codes).toEqual([0, 0, 0]);
    for (const h of pool) {
      expect(h.lines.map((l) => l.event)).toContain('HUNTER_STARTED');
      expect(h.lines.at(-1)?.event).toBe('HUNTER_STOPPED');
    }

    // Leads: the six readable postings, once each, with what their pages show.
    const leads = await db.sql<{
      external_id: string; source: string; country: string; city: string; phone: string | null; email: string | null;
      first_name: string | null; first_seen_at: Date; attributes: Record<string, unknown>;
    }[]>`
      select external_id, source, country, city, phone, email, first_name, first_seen_at, attributes
      from public.leads where account_id = ${accountId} order by external_id`;
    const stored = FIXTURE_POSTINGS.filter((p) => p.expect);
    expect(leads.map((l) => l.external_id)).toEqual(stored.map((p) => p.id));
    for (const p of stored) {
      const lead = leads.find((l) => l.external_id === p.id)!;
      expect(lead.source).toBe('craigslist');
      expect(lead.country).toBe('US');
      if (p.id === TWICE_REACHABLE_ID) expect(['miami', 'orlando']).toContain(lead.city);
      else expect(lead.city).toBe(p.city);
      expect(lead.phone).toBe(p.expect!.phone);
      expect(lead.email).toBe(p.expect!.email);
      expect(lead.first_name).toBe(p.expect!.contactName ?? null);
      // first_seen_at is when the hunter read the page; the posting's own time is kept in attributes.
      expect(lead.first_seen_at.getTime()).toBeGreaterThanOrEqual(t0 - 1000);
      expect(lead.first_seen_at.getTime()).toBeLessThanOrEqual(Date.now());
      expect(new Date(String(lead.attributes.posted_at)).getTime())
        .toBe(Math.floor(fixturePostedAt(site, p).getTime() / 1000) * 1000);
      expect(lead.attributes).toMatchObject({
        title: p.title,
        price: p.price,
        location: p.location,
        url: `${site.url}${site.postingPath(p)}`,
        vehicle: p.expect!.vehicle,
      });
      expect(String(lead.attributes.body)).toContain(p.body[0]);
      expect(String(lead.attributes.body)).not.toContain('QR Code Link');
    }

    // The posting reachable three times: one detail task, one page view, one lead.
    const twice = await db.sql`select id from lead_hunter.craigslist_tasks_v1 where account_id = ${accountId} and external_id = ${TWICE_REACHABLE_ID}`;
    expect(twice).toHaveLength(1);
    expect(site.hits(site.postingPath(byId(TWICE_REACHABLE_ID)))).toBe(1);
    const discovers = await db.sql<{ city: string; status: string; result: { postings_seen: number; detail_tasks_queued: number } | null }[]>`
      select city, status, result from lead_hunter.craigslist_tasks_v1
      where account_id = ${accountId} and task_type = 'discover' order by city`;
    const seen = Object.fromEntries(discovers.map((d) => [d.city, d.result?.postings_seen ?? null]));
    expect(seen).toEqual({ miami: 8, orlando: 2, tampa: null }); // the foreign and navigation links are ignored
    expect(discovers.reduce((n, d) => n + (d.result?.detail_tasks_queued ?? 0), 0)).toBe(9);

    // Failure codes: blocks and timeouts back off (queued, not before ~10 minutes), a missing DOM fails.
    const failures = [
      { row: await task({ externalId: '7712340006' }), code: 'blocked_403', status: 'queued' },
      { row: await task({ discoverCity: 'tampa' }), code: 'blocked_503', status: 'queued' },
      { row: await task({ externalId: '7712340007' }), code: 'detail_missing_dom', status: 'failed' },
      { row: await task({ externalId: '7712340008' }), code: 'goto_timeout', status: 'queued' },
    ];
    const evidence = allLines().filter((l) => l.event === 'EVIDENCE');
    for (const f of failures) {
      expect({ code: f.row.last_error, status: f.row.status }).toEqual({ code: f.code, status: f.status });
      if (f.status === 'queued') expect((f.row.not_before as Date).getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
      const line = evidence.find((l) => l.task_id === f.row.id);
      expect(line, `EVIDENCE for ${f.code}`).toBeDefined();
      // Paths, task id and code only: never page text.
      expect(Object.keys(line!).sort()).toEqual(['code', 'event', 'html', 'hunter', 'level', 'screenshot', 'task_id', 'ts']);
      expect(line!.code).toBe(f.code);
      const png = await readFile(String(line!.screenshot));
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(path.dirname(String(line!.screenshot))).toBe(evidenceDir);
      expect(String(line!.html)).toMatch(/\.html$/);
      expect((await stat(String(line!.html))).size).toBeGreaterThan(0);
    }
    expect(await readFile(String(evidence.find((l) => l.code === 'detail_missing_dom')!.html), 'utf8')).toContain('deleted by its author');
    expect(await readFile(String(evidence.find((l) => l.code === 'blocked_403')!.html), 'utf8')).toContain('automatically blocked');
    expect(allLines().filter((l) => l.event === 'HUNTER_TASK_FAILED').map((l) => l.code).sort()).toEqual(
      ['blocked_403', 'blocked_503', 'detail_missing_dom', 'goto_timeout'],
    );

    // goto_timeout: the hunter gave up after CL_HARD_TIMEOUT_MS, closed the page, and carried on.
    const hang = failures[3]!.row;
    const claimed = allLines().find((l) => l.event === 'HUNTER_TASK_CLAIMED' && l.task_id === hang.id)!;
    const failed = allLines().find((l) => l.event === 'HUNTER_TASK_FAILED' && l.task_id === hang.id)!;
    const gaveUpAfter = Date.parse(failed.ts) - Date.parse(claimed.ts);
    expect(gaveUpAfter).toBeGreaterThanOrEqual(HARD_TIMEOUT_MS - 1_000);
    expect(gaveUpAfter).toBeLessThan(HARD_TIMEOUT_MS + 15_000); // it gave up at the limit, not never
    expect(site.abandoned).toContain(site.postingPath(byId('7712340008')));

    // Politeness: each blocked page was asked for once (no immediate retry), nothing off-site was queued.
    expect(site.hits(site.postingPath(byId('7712340006')))).toBe(1);
    expect(site.hits('/tampa/search/cto')).toBe(1);
    const [offsite] = await db.sql`select count(*)::int as n from lead_hunter.craigslist_tasks_v1 where external_id = '7712340099'`;
    expect(offsite!.n).toBe(0);
    const done = allLines().filter((l) => l.event === 'HUNTER_DETAIL_DONE');
    expect(done).toHaveLength(6);
    expect(allLines().filter((l) => l.event === 'HUNTER_DISCOVER_DONE')).toHaveLength(2);
    // The work was shared: more than one hunter claimed tasks.
    expect(new Set(allLines().filter((l) => l.event === 'HUNTER_TASK_CLAIMED').map((l) => l.hunter)).size).toBeGreaterThan(1);

    // Supply velocity counts the new leads per city and UTC day of first sight.
    const ssv = await db.sql<{ city: string; day_utc: string; new_leads: number }[]>`
      select city, day_utc::text, new_leads::int from public.v_craigslist_ssv_v0 where account_id = ${accountId}`;
    expect(ssv.reduce((n, r) => n + r.new_leads, 0)).toBe(6);
    const expected = new Map<string, number>();
    for (const l of leads) {
      const key = `${l.city} ${l.first_seen_at.toISOString().slice(0, 10)}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(new Map(ssv.map((r) => [`${r.city} ${r.day_utc}`, r.new_leads]))).toEqual(expected);
    const [status] = await db.sql`select state from lead_hunter.v_craigslist_program_status_v1
                                   where account_id = ${accountId} and city = 'miami'`;
    expect(status!.state).toBe('live');

    process.stdout.write(`hunter: queue drained by 3 hunters in ${drainedMs} ms\n`);
  }, 180_000);

  it('a killed hunter\'s claim is re-queued by the stale sweep; a stopped hunter releases its claim', async () => {
    const [{ id: taskId }] = (await worker`select lead_hunter.enqueue_craigslist_discover_v1(${accountId}, 'naples') as id`) as unknown as [{ id: string }];
    const holdsTask = async (workerId: string) => {
      const [r] = await db.sql`select status, claimed_by from lead_hunter.craigslist_tasks_v1 where id = ${taskId}`;
      return r!.status === 'claimed' && r!.claimed_by === workerId && site.requests.some((q) => q.path === '/naples/search/cto' && q.at.getTime() > Date.now() - 10_000);
    };

    // SIGKILL while the page is loading: nothing runs, the claim stays behind.
    const killed = startHunter('hunter-killed', { CL_HARD_TIMEOUT_MS: '30000' });
    await until(() => holdsTask('hunter-killed'), 60_000, 'the killed hunter to hold the naples discover');
    killed.child.kill('SIGKILL');
    expect(await killed.exited).toBeNull();
    const [left] = await db.sql`select status, claimed_by, attempts from lead_hunter.craigslist_tasks_v1 where id = ${taskId}`;
    expect(left).toMatchObject({ status: 'claimed', claimed_by: 'hunter-killed', attempts: 1 });

    // The next claim with a short p_stale_after puts it back in the queue (and takes it).
    const swept = await worker`select id, status, claimed_by, attempts, last_error
                               from lead_hunter.claim_craigslist_task_v1('sweeper', interval '0 seconds')`;
    expect(swept).toEqual([{ id: taskId, status: 'claimed', claimed_by: 'sweeper', attempts: 2, last_error: 'claim_expired' }]);
    const [released] = await worker`select lead_hunter.release_task_v1(${taskId}, 'sweeper') as ok`;
    expect(released!.ok).toBe(true);

    // SIGTERM while the page is loading: the grace period passes, the claim is released, exit 0.
    const stopped = startHunter('hunter-stopped', { CL_HARD_TIMEOUT_MS: '30000', CL_SHUTDOWN_GRACE_MS: '500' });
    await until(() => holdsTask('hunter-stopped'), 60_000, 'the stopped hunter to hold the naples discover');
    const t = Date.now();
    stopped.child.kill('SIGTERM');
    expect(await stopped.exited).toBe(0);
    expect(Date.now() - t).toBeLessThan(8_000);
    const events = stopped.lines.map((l) => l.event);
    expect(events).toEqual(expect.arrayContaining(['HUNTER_STOPPING', 'HUNTER_TASK_RELEASED', 'HUNTER_STOPPED']));
    expect(stopped.lines.find((l) => l.event === 'HUNTER_TASK_RELEASED')).toMatchObject({ task_id: taskId, released: true });
    const [after] = await db.sql`select status, claimed_by, claimed_at, attempts from lead_hunter.craigslist_tasks_v1 where id = ${taskId}`;
    expect(after).toMatchObject({ status: 'queued', claimed_by: null, claimed_at: null, attempts: 1 });

    await worker`select lead_hunter.stop_craigslist_v1(${accountId}, 'naples')`;
  }, 180_000);

  it('enqueue refuses without LeadGen routing unless overridden, and refuses a second run of a city', async () => {
    const [other] = await db.sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('No Routing', 'no-routing') returning id`;
    const b = other!.id;
    const enqueue = (city: string, override = false) =>
      worker`select lead_hunter.enqueue_craigslist_discover_v1(${b}, ${city}, ${override}) as id`;
    await expect(enqueue('miami')).rejects.toThrow('leadgen_routing_not_configured');
    await db.sql`update public.org_settings set leadgen_routing = ${db.sql.json({ active: false, dealer_address: '1 Main St', radius_miles: 10 })}
                 where account_id = ${b}`;
    await expect(enqueue('miami')).rejects.toThrow('leadgen_routing_inactive');
    const [ok] = await enqueue('Miami', true);
    expect(ok!.id).toMatch(/^[0-9a-f-]{36}$/);
    await expect(enqueue('miami', true)).rejects.toThrow('discover_already_running');
    const [n] = await db.sql`select count(*)::int as n from lead_hunter.craigslist_tasks_v1 where account_id = ${b}`;
    expect(n!.n).toBe(1);
  });
});
