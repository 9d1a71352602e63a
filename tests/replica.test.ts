/**
 * Issue 16: analysts and the console's read-only pages on a streaming replica.
 * A real hot standby of the test server (tests/harness/replica.ts) runs every
 * decision view as revenue_analyst and as a bound analyst login, and serves the
 * read-only console pages through DATABASE_REPLICA_URL's read pool, while
 * writes, and pages right after a write, stay on the primary.
 */
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.ts';
import { WROTE_COOKIE } from '../api/auth.ts';
import { createAnalystLogin, dropAnalystLogin } from '../api/domain/analysts.ts';
import { connect, connectReadPool, withDatabase, withTenantReadOnly, type Sql } from '../db/client.ts';
import { httpLogin, startConsoleServer, type ConsoleServer } from './harness/console.ts';
import { startStandby, type Standby } from './harness/replica.ts';

/** The views analysts are promised by name (DESIGN.md "Data contract"). */
const CONTRACT_VIEWS = [
  'public.lead_next_action_view_v5',
  'public.lead_suppression_status_v1',
  'public.v_lead_channel_attempts',
  'public.v_campaign_runtime_status_v1',
  'public.v_craigslist_ssv_v0',
  'public.inbox_events',
  'public.lead_enriched',
  'public.multichannel_lead_signals',
  'public.v_lead_with_enrichment_and_campaign_v1',
];

let standby: Standby | null = null;
let cs: ConsoleServer | null = null;
/** The standby's copy of the test database (superuser, for checks and replay pause). */
let replicaSql: Sql | null = null;
/** The app under test: primary pool plus a read pool on the standby. */
let primarySql: Sql | null = null;
let readSql: Sql | null = null;
let server: ServerType | null = null;
let base = '';
const analystLogin = `tap_replica_${randomBytes(4).toString('hex')}`;
let analystMade = false;

async function withReplayPaused<T>(fn: () => Promise<T>): Promise<T> {
  await replicaSql!`select pg_catalog.pg_wal_replay_pause()`;
  try {
    return await fn();
  } finally {
    await replicaSql!`select pg_catalog.pg_wal_replay_resume()`;
  }
}

beforeAll(async () => {
  standby = await startStandby();
  cs = await startConsoleServer('replica');
  const replicaUrl = withDatabase(standby.url, cs.db.name);
  await standby.catchUp();
  replicaSql = connect(replicaUrl, { max: 1, applicationName: 'revenue-os-test-replica-check' });
  primarySql = connect(cs.db.url, { max: 4, applicationName: 'revenue-os-test-replica-app' });
  readSql = connectReadPool(primarySql, replicaUrl, { max: 4 });
  base = await new Promise<string>((resolve) => {
    const app = createApp({
      sql: primarySql!,
      workerHealth: () => null,
      console: { secret: 'replica-test-cookie-secret-0123456789', publicBaseUrl: 'http://127.0.0.1:1', readSql: readSql! },
    });
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}`));
  });
}, 180_000);

afterAll(async () => {
  // Each step on its own: a failure of one still lets the standby be stopped and removed.
  const steps: (() => Promise<unknown>)[] = [
    async () => server && new Promise<void>((r) => server!.close(() => r())),
    async () => readSql && readSql !== primarySql && readSql.end({ timeout: 5 }),
    async () => primarySql?.end({ timeout: 5 }),
    async () => replicaSql?.end({ timeout: 5 }),
    async () => analystMade && cs && dropAnalystLogin(cs.db.sql, analystLogin),
    async () => cs?.close(),
    async () => standby?.stop(),
  ];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      process.stderr.write(`replica test clean-up: ${(error as Error).message}\n`);
    }
  }
}, 120_000);

describe('decision views on a hot standby', () => {
  it('the standby is a replica in recovery, with the test database replayed', async () => {
    const [r] = await replicaSql!<{ recovery: boolean; read_only: string; leads: number }[]>`
      select pg_catalog.pg_is_in_recovery() as recovery, current_setting('transaction_read_only') as read_only,
             (select count(*)::int from public.leads) as leads`;
    expect(r).toEqual({ recovery: true, read_only: 'on', leads: expect.any(Number) });
    const [p] = await cs!.db.sql<{ leads: number }[]>`select count(*)::int as leads from public.leads`;
    expect(r!.leads).toBe(p!.leads);
    expect(r!.leads).toBeGreaterThan(0);
  });

  it('every view revenue_analyst may read answers on the standby, as revenue_analyst with app.account_id, as on the primary', async () => {
    const views = await replicaSql!<{ name: string }[]>`
      select format('%I.%I', n.nspname, c.relname) as name
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('v', 'm') and n.nspname not in ('pg_catalog', 'information_schema', 'tap', 'tests')
        and has_table_privilege('revenue_analyst', c.oid, 'select')
      order by 1`;
    const names = views.map((v) => v.name);
    for (const v of CONTRACT_VIEWS) expect(names).toContain(v);
    // Every public v_* view is among them (analysts query those by name).
    const publicV = await replicaSql!<{ name: string }[]>`
      select format('%I.%I', 'public', c.relname) as name from pg_catalog.pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'v' and c.relname like 'v\\_%'`;
    for (const v of publicV) expect(names).toContain(v.name);

    const counts = async (sql: Sql, view: string) => sql.begin(async (tx) => {
      await tx.unsafe('set local role revenue_analyst');
      await tx`select pg_catalog.set_config('app.account_id', ${cs!.demoAccountId}, true)`;
      const [r] = await tx.unsafe<{ n: number }[]>(`select count(*)::int as n from ${view}`);
      return r!.n;
    });
    const answers: Record<string, number> = {};
    for (const view of names) {
      const onStandby = await counts(replicaSql!, view).catch((e: Error) => {
        throw new Error(`${view} fails on the standby: ${e.message}`);
      });
      expect(onStandby, view).toBe(await counts(cs!.db.sql, view));
      answers[view] = onStandby;
    }
    // The demo account's leads have a next action: the views return rows, not only no error.
    expect(answers['public.lead_next_action_view_v5']).toBeGreaterThan(0);
  });

  it('a bound analyst login reads its own account on the standby, whatever app.account_id it sets', async () => {
    await createAnalystLogin(cs!.db.sql, { login: analystLogin, accountSlug: 'demo' });
    analystMade = true;
    await standby!.catchUp();
    const u = new URL(withDatabase(standby!.url, cs!.db.name));
    u.username = analystLogin;
    const analyst = connect(u.toString(), { max: 1, applicationName: 'revenue-os-test-replica-analyst' });
    try {
      const [r] = await analyst.begin(async (tx) => {
        await tx`select pg_catalog.set_config('app.account_id', ${cs!.otherAccountId}, true)`;
        return tx<{ other: number; mine: number; next: number }[]>`
          select (select count(*)::int from public.leads where account_id = ${cs!.otherAccountId}) as other,
                 (select count(*)::int from public.leads where account_id = ${cs!.demoAccountId}) as mine,
                 (select count(*)::int from public.lead_next_action_view_v5) as next`;
      });
      const [p] = await cs!.db.sql<{ mine: number }[]>`select count(*)::int as mine from public.leads where account_id = ${cs!.demoAccountId}`;
      expect(r).toEqual({ other: 0, mine: p!.mine, next: expect.any(Number) });
      expect(r!.next).toBeGreaterThan(0);
    } finally {
      await analyst.end({ timeout: 5 });
    }
  });
});

describe('console read-only pages with DATABASE_REPLICA_URL', () => {
  const get = (path: string, cookie: string) => fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });

  it('serves the dashboard, leads, a lead, campaigns, programs and the bell from the standby', async () => {
    const { cookie } = await httpLogin(base, cs!.users.owner);
    const [lead] = await cs!.db.sql<{ id: string }[]>`select id from public.leads where account_id = ${cs!.demoAccountId} limit 1`;
    const pages: [string, number, string][] = [
      ['/', 200, 'Dashboard'],
      ['/leads', 200, 'Leads'],
      [`/leads/${lead!.id}`, 200, 'Timeline'],
      ['/campaigns', 200, 'Autos outbound'],
      ['/programs', 200, 'LeadGen programs'],
      // A city that never ran: the read-only "why there is none" answer.
      ['/programs/craigslist:boston', 404, 'craigslist'],
      ['/notifications', 200, 'Initial Message'],
      ['/notifications/count', 200, ''],
    ];
    for (const [path, status, text] of pages) {
      const res = await get(path, cookie);
      expect(res.status, path).toBe(status);
      expect(await res.text(), path).toContain(text);
    }
    // Proof the pages read the standby: a lead added on the primary while replay is paused
    // is not on the leads page until the standby replays it.
    // Letters only: the leads search reads a run of 3+ digits as part of a phone number,
    // and a hex tag such as f111ae matched the demo leads' +1…0111 numbers.
    const name = `Replica${[...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;
    const link = await withReplayPaused(async () => {
      const [l] = await cs!.db.sql<{ id: string }[]>`insert into public.leads (account_id, first_name, phone, source)
                       values (${cs!.demoAccountId}, ${name}, '+13055550177', 'import') returning id`;
      const stale = await (await get(`/leads?q=${name}`, cookie)).text();
      expect(stale).toContain('No leads match these filters.');
      expect(stale).not.toContain(`/leads/${l!.id}`);
      // The lead's own page is a read-only page too: not there yet on the standby.
      expect((await get(`/leads/${l!.id}`, cookie)).status).toBe(404);
      return `/leads/${l!.id}`;
    });
    await standby!.catchUp();
    expect(await (await get(`/leads?q=${name}`, cookie)).text()).toContain(link);
    expect((await get(link, cookie)).status).toBe(200);
  });

  it('a change goes to the primary, and the page after it reads the primary until the standby has replayed it', async () => {
    const { cookie, csrf } = await httpLogin(base, cs!.users.owner);
    const [c] = await cs!.db.sql<{ id: string }[]>`
      select id from public.campaigns where account_id = ${cs!.demoAccountId} and is_active order by name limit 1`;
    const activeOn = (html: string) => new RegExp(`data-campaign-id="${c!.id}" data-active="(true|false)"`).exec(html)?.[1];
    await standby!.catchUp();
    await withReplayPaused(async () => {
      const post = await fetch(`${base}/campaigns/${c!.id}/active`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true' },
        body: new URLSearchParams({ active: 'false' }),
      });
      expect(post.status).toBe(200);
      // The POST's own answer re-reads the primary.
      expect(activeOn(await post.text())).toBe('false');
      const [row] = await cs!.db.sql<{ is_active: boolean }[]>`select is_active from public.campaigns where id = ${c!.id}`;
      expect(row!.is_active).toBe(false);
      const wrote = post.headers.getSetCookie().map((x) => x.split(';')[0]!).find((x) => x.startsWith(`${WROTE_COOKIE}=`));
      expect(wrote).toMatch(/^ros_wrote=[0-9A-F]+%2F[0-9A-F]+$/);
      // This browser sees its change (the primary) ...
      expect(activeOn(await (await get('/campaigns', `${cookie}; ${wrote}`)).text())).toBe('false');
      // ... another without the marker reads the lagging standby, which still has it active.
      expect(activeOn(await (await get('/campaigns', cookie)).text())).toBe('true');
    });
    await standby!.catchUp();
    expect(activeOn(await (await get('/campaigns', cookie)).text())).toBe('false');
  });

  it('a forged or malformed write marker changes nothing but where that browser reads', async () => {
    const { cookie } = await httpLogin(base, cs!.users.viewer);
    for (const marker of ['garbage', "0/1'; drop table leads; --", 'FFFFFFFF/FFFFFFFF']) {
      const res = await get('/campaigns', `${cookie}; ${WROTE_COOKIE}=${encodeURIComponent(marker)}`);
      expect(res.status, marker).toBe(200);
    }
  });

  it('without a replica the read pool is the primary pool, and its reads still refuse writes', async () => {
    expect(connectReadPool(primarySql!, undefined)).toBe(primarySql);
    // The read path is a READ ONLY transaction on the primary too: a page that wrote would fail
    // in every setup, not only once a replica is configured.
    const write = (sql: Sql) => withTenantReadOnly(sql, cs!.demoAccountId, (tx) =>
      tx`update public.campaigns set name = name where account_id = ${cs!.demoAccountId}`);
    await expect(write(primarySql!)).rejects.toMatchObject({ code: '25006' });
    await expect(write(readSql!)).rejects.toMatchObject({ code: '25006' });
  });
});
