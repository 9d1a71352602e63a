/**
 * GET /api/programs/list and GET /api/programs/:key (seed 001 "Programs UI")
 * against seeded Craigslist task rows: each of the seed's Disabled / Degraded /
 * Live cases (plus Starting, the case it leaves open), and every number
 * compared with the seed's verification queries run directly.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withTenant } from '../db/client.ts';
import type { ConsoleEnv, Session } from '../api/auth.ts';
import {
  listPrograms,
  ProgramDetailSchema,
  ProgramListSchema,
  ProgramNotFoundSchema,
  programDetail,
  type ProgramDetail,
  type ProgramList,
} from '../api/domain/programs.ts';
import { programsRoutes } from '../api/console/programs-api.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

let db: TestDatabase;
let dealer = ''; // routing on: miami live, orlando degraded, naples starting, keywest disabled (nothing recent)
let dark = ''; // routing off: miami disabled although tasks are done
let other = ''; // another account with its own miami

function session(accountId: string): Session {
  return {
    sessionId: '00000000-0000-4000-8000-000000000011',
    userId: '00000000-0000-4000-8000-000000000012',
    email: 'viewer@example.com',
    displayName: null,
    accountId,
    accountName: 'Test',
    role: 'viewer',
    csrfToken: 't',
  };
}

function app(accountId: string): Hono<ConsoleEnv> {
  const a = new Hono<ConsoleEnv>();
  const s = session(accountId);
  a.use('*', async (c, next) => {
    c.set('session', s);
    c.set('db', (fn) => withTenant(db.sql, s.accountId, fn));
    await next();
  });
  a.route('/api/programs', programsRoutes());
  return a;
}

let externalId = 1_000_000;

/** One task row, created `minutesAgo` minutes ago. */
async function task(
  accountId: string,
  city: string,
  status: 'queued' | 'claimed' | 'done' | 'failed' | 'canceled',
  minutesAgo: number,
  opts: { type?: 'discover' | 'detail'; error?: string } = {},
): Promise<void> {
  const type = opts.type ?? 'detail';
  const ext = type === 'detail' ? String(externalId++) : null;
  const claimed = status === 'claimed' || status === 'done' || status === 'failed';
  await db.sql`
    insert into lead_hunter.craigslist_tasks_v1
      (account_id, task_type, city, external_id, status, claimed_by, claimed_at, attempts, last_error, created_at, finished_at)
    values (${accountId}, ${type}, ${city}, ${ext}, ${status},
            ${claimed ? 'hunter-1' : null}, ${claimed ? db.sql`now() - make_interval(mins => ${minutesAgo})` : null},
            ${claimed ? 1 : 0}, ${opts.error ?? null},
            now() - make_interval(mins => ${minutesAgo}),
            ${status === 'done' || status === 'failed' || status === 'canceled' ? db.sql`now() - make_interval(mins => ${minutesAgo}) + interval '30 seconds'` : null})`;
}

async function lead(accountId: string, city: string, minutesAgo: number, source = 'craigslist'): Promise<void> {
  await db.sql`
    insert into public.leads (account_id, source, external_id, city, country, created_at)
    values (${accountId}, ${source}, ${String(externalId++)}, ${city}, 'US', now() - make_interval(mins => ${minutesAgo}))`;
}

async function get<T>(accountId: string, path: string): Promise<{ status: number; body: T }> {
  const res = await app(accountId).request(`/api/programs${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

beforeAll(async () => {
  db = await cloneTemplate('programs_api');
  const ids = await db.sql<{ id: string }[]>`
    select tests.create_account(n) as id from unnest(array['Dealer', 'Dark', 'Other']) with ordinality as t(n, i) order by i`;
  [dealer, dark, other] = ids.map((r) => r.id) as [string, string, string];
  await db.sql`update public.org_settings
               set leadgen_routing = '{"dealer_address":"1 Main St, Miami","radius_miles":25,"city_fallback":"Miami","active":true}'
               where account_id = ${dealer}`;
  await db.sql`update public.org_settings set leadgen_routing = '{"dealer_address":"9 Elm St","radius_miles":10,"active":false}'
               where account_id = ${dark}`;
  await db.sql`update public.org_settings set leadgen_routing = '{"dealer_address":"5 Oak St","radius_miles":10,"active":true}'
               where account_id = ${other}`;

  // Dealer / miami: Live. 25 tasks in all, so "the last 20" is a real cut.
  await task(dealer, 'miami', 'done', 40, { type: 'discover' });
  for (const m of [5, 8, 12, 30, 50]) await task(dealer, 'miami', 'done', m);
  await task(dealer, 'miami', 'failed', 20, { error: 'blocked_403' });
  await task(dealer, 'miami', 'failed', 25, { error: 'blocked_403' });
  await task(dealer, 'miami', 'failed', 35, { error: 'detail_missing_dom' });
  await task(dealer, 'miami', 'claimed', 3);
  await task(dealer, 'miami', 'claimed', 45);
  await task(dealer, 'miami', 'queued', 1);
  await task(dealer, 'miami', 'canceled', 10, { error: 'program_stopped' });
  for (let i = 0; i < 12; i++) await task(dealer, 'miami', 'done', 90 + i * 10); // older than 60 minutes
  await lead(dealer, 'Miami', 10);
  await lead(dealer, 'miami', 50);
  await lead(dealer, 'Miami', 120);
  await lead(dealer, 'Miami', 60 * 30); // older than 24 h
  await lead(dealer, 'Miami', 10, 'webhook'); // not Craigslist
  await lead(dealer, 'Orlando', 15);

  // Dealer / orlando: Degraded (failed, none done in 60 minutes; an old success).
  await task(dealer, 'orlando', 'failed', 10, { error: 'goto_timeout' });
  await task(dealer, 'orlando', 'failed', 20, { error: 'blocked_503' });
  await task(dealer, 'orlando', 'failed', 30, { error: 'blocked_503' });
  await task(dealer, 'orlando', 'queued', 5);
  await task(dealer, 'orlando', 'done', 200);

  // Dealer / naples: routing on, a discover queued, nothing finished: Starting.
  await task(dealer, 'naples', 'queued', 2, { type: 'discover' });

  // Dealer / keywest: done long ago, nothing in the last 60 minutes: Disabled.
  await task(dealer, 'keywest', 'done', 180, { type: 'discover' });

  // Dark / miami: done tasks in the last 60 minutes but routing off: Disabled.
  await task(dark, 'miami', 'done', 10, { type: 'discover' });
  await task(dark, 'miami', 'done', 12);

  // Other / miami: failed only (would be Degraded) — must never show in Dealer's answers.
  await task(other, 'miami', 'failed', 5, { error: 'blocked_403' });
});

afterAll(async () => {
  await db?.drop();
});

/** Seed 001's verification queries, run as the table owner with an explicit account filter. */
async function truth(accountId: string, city: string) {
  const byStatusType = await db.sql<{ status: string; task_type: string; n: number }[]>`
    select status, task_type, count(*)::int as n
    from lead_hunter.craigslist_tasks_v1
    where account_id = ${accountId} and city = ${city} and created_at > now() - interval '60 minutes'
    group by 1, 2 order by 1, 2`;
  const last15 = await db.sql<{ status: string; n: number }[]>`
    select status, count(*)::int as n
    from lead_hunter.craigslist_tasks_v1
    where account_id = ${accountId} and city = ${city} and created_at > now() - interval '15 minutes'
    group by 1 order by 1`;
  const [success] = await db.sql<{ at: Date | null }[]>`
    select max(coalesce(finished_at, created_at)) as at from lead_hunter.craigslist_tasks_v1
    where account_id = ${accountId} and city = ${city} and status = 'done'`;
  const [leads] = await db.sql<{ leads_60m: number; leads_24h: number }[]>`
    select count(*) filter (where created_at > now() - interval '60 minutes')::int as leads_60m,
           count(*) filter (where created_at > now() - interval '24 hours')::int as leads_24h
    from public.leads
    where account_id = ${accountId} and source = 'craigslist' and lower(city) = ${city}`;
  const errors = await db.sql<{ error: string; n: number }[]>`
    select last_error as error, count(*)::int as n from lead_hunter.craigslist_tasks_v1
    where account_id = ${accountId} and city = ${city} and created_at > now() - interval '60 minutes'
      and status = 'failed' and last_error is not null
    group by 1 order by 2 desc, 1`;
  const last20 = await db.sql<{ id: string }[]>`
    select id from lead_hunter.craigslist_tasks_v1 where account_id = ${accountId} and city = ${city}
    order by created_at desc, id desc limit 20`;
  const count = (s: string) => byStatusType.filter((r) => r.status === s).reduce((a, r) => a + r.n, 0);
  return {
    byStatusType,
    byStatus: { queued: count('queued'), claimed: count('claimed'), done: count('done'), failed: count('failed'), canceled: count('canceled') },
    tasks60: byStatusType.reduce((a, r) => a + r.n, 0),
    claimed15: last15.find((r) => r.status === 'claimed')?.n ?? 0,
    done15: last15.find((r) => r.status === 'done')?.n ?? 0,
    lastSuccess: success!.at ? success!.at.toISOString() : null,
    leads: leads!,
    errors,
    last20: last20.map((r) => r.id),
  };
}

describe('GET /api/programs/list', () => {
  let list: ProgramList;

  beforeAll(async () => {
    const res = await get<ProgramList>(dealer, '/list');
    expect(res.status).toBe(200);
    list = ProgramListSchema.parse(res.body);
  });

  it('lists this account\'s Craigslist cities with the seed\'s states', () => {
    expect(list.programs.map((p) => [p.key, p.state, p.state_label])).toEqual([
      ['craigslist:keywest', 'disabled', 'Disabled'],
      ['craigslist:miami', 'live', 'Live'],
      ['craigslist:naples', 'starting', 'Starting'],
      ['craigslist:orlando', 'degraded', 'Degraded'],
    ]);
    expect(list.routing).toEqual({ configured: true, active: true, dealer_address_set: true, radius_miles: 25, city_fallback: 'miami' });
    expect(list.known_programs.map((p) => p.key_format)).toEqual(['craigslist:<city>']);
  });

  it('has the numbers the verification queries give', async () => {
    for (const p of list.programs) {
      const t = await truth(dealer, p.city);
      expect([p.key, p.tasks_60m, p.done_60m, p.failed_60m, p.queued_60m, p.claimed_60m]).toEqual([
        p.key,
        t.tasks60,
        t.byStatus.done,
        t.byStatus.failed,
        t.byStatus.queued,
        t.byStatus.claimed,
      ]);
      expect([p.key, p.claimed_15m, p.done_15m, p.last_success_at, p.leads_60m, p.leads_24h]).toEqual([
        p.key,
        t.claimed15,
        t.done15,
        t.lastSuccess,
        t.leads.leads_60m,
        t.leads.leads_24h,
      ]);
    }
  });

  it('routing off makes every city Disabled, whatever the tasks say', async () => {
    const res = await get<ProgramList>(dark, '/list');
    const dl = ProgramListSchema.parse(res.body);
    expect(dl.programs).toHaveLength(1);
    expect(dl.programs[0]).toMatchObject({ key: 'craigslist:miami', state: 'disabled', routing_active: false, done_60m: 2 });
    expect(dl.programs[0]!.state_reason).toContain('routing is off');
    expect(dl.programs[0]!.next_action).toContain('start craigslist miami override');
  });

  it('shows no other account\'s programs', async () => {
    const res = await get<ProgramList>(other, '/list');
    const ol = ProgramListSchema.parse(res.body);
    expect(ol.programs.map((p) => [p.key, p.state, p.failed_60m, p.done_60m])).toEqual([['craigslist:miami', 'degraded', 1, 0]]);
    // listPrograms is what the Programs page and Command OS call: the same answer.
    const direct = await listPrograms((fn) => withTenant(db.sql, dealer, fn));
    expect(direct.programs.map((p) => [p.key, p.state, p.tasks_60m])).toEqual(list.programs.map((p) => [p.key, p.state, p.tasks_60m]));
  });
});

describe('GET /api/programs/:key', () => {
  it('craigslist:miami: health, throughput, output and the last 20 task rows, as the SQL says', async () => {
    const res = await get<ProgramDetail>(dealer, '/craigslist:miami');
    expect(res.status).toBe(200);
    const p = ProgramDetailSchema.parse(res.body);
    const t = await truth(dealer, 'miami');
    expect(p).toMatchObject({ key: 'craigslist:miami', program: 'craigslist', kind: 'leadgen', city: 'miami', state: 'live', state_label: 'Live' });
    expect(p.health).toEqual({ routing_active: true, worker_health: { claimed_15m: t.claimed15, done_15m: t.done15 }, last_success_at: t.lastSuccess });
    expect(p.health.worker_health).toEqual({ claimed_15m: 1, done_15m: 3 });
    expect(p.throughput.tasks_60m).toBe(t.tasks60);
    expect(p.throughput.tasks_60m).toBe(13);
    expect(p.throughput.by_status).toEqual(t.byStatus);
    expect(p.throughput.by_status).toEqual({ queued: 1, claimed: 2, done: 6, failed: 3, canceled: 1 });
    expect(p.throughput.by_status_and_type).toEqual(t.byStatusType);
    expect(p.throughput.top_errors).toEqual(t.errors);
    expect(p.throughput.top_errors).toEqual([
      { error: 'blocked_403', n: 2 },
      { error: 'detail_missing_dom', n: 1 },
    ]);
    expect(p.output).toEqual(t.leads);
    expect(p.output).toEqual({ leads_60m: 2, leads_24h: 3 });
    expect(p.events.map((e) => e.id)).toEqual(t.last20);
    expect(p.events).toHaveLength(20);
    expect(p.events[0]).toMatchObject({ status: 'queued', task_type: 'detail', attempts: 0, claimed_by: null });
    expect(p.next_action).toContain('stop craigslist miami');
    expect(p.commands.start).toEqual({ es: 'prende craigslist miami', en: 'start craigslist miami' });
  });

  it('orlando is Degraded with its top error; naples Starting; keywest Disabled', async () => {
    const orlando = ProgramDetailSchema.parse((await get(dealer, '/craigslist:orlando')).body);
    expect(orlando).toMatchObject({ state: 'degraded', throughput: { by_status: { failed: 3, done: 0, queued: 1 } } });
    expect(orlando.throughput.top_errors).toEqual([
      { error: 'blocked_503', n: 2 },
      { error: 'goto_timeout', n: 1 },
    ]);
    expect(orlando.next_action).toContain('blocked_503');
    expect(orlando.health.last_success_at).toBe((await truth(dealer, 'orlando')).lastSuccess);
    expect(orlando.output).toEqual({ leads_60m: 1, leads_24h: 1 });

    const naples = ProgramDetailSchema.parse((await get(dealer, '/craigslist:naples')).body);
    expect(naples).toMatchObject({ state: 'starting', health: { routing_active: true, last_success_at: null }, throughput: { tasks_60m: 1 } });

    const keywest = ProgramDetailSchema.parse((await get(dealer, '/craigslist:keywest')).body);
    expect(keywest).toMatchObject({ state: 'disabled', throughput: { tasks_60m: 0, by_status_and_type: [], top_errors: [] } });
    expect(keywest.state_reason).toBe('no tasks in the last 60 minutes');
    expect(keywest.next_action).toBe('Start it: "start craigslist keywest"');
    expect(keywest.events).toHaveLength(1);
  });

  it('the bare key means the routing city_fallback; key forms are normalised', async () => {
    const bare = ProgramDetailSchema.parse((await get(dealer, '/craigslist')).body);
    expect(bare.key).toBe('craigslist:miami');
    const spelled = await get<ProgramDetail>(dealer, `/${encodeURIComponent('craigslist:Miami')}`);
    expect(spelled.status).toBe(200);
    expect(spelled.body.key).toBe('craigslist:miami');
  });

  it('404 with a reason for an unknown key, a city that never ran, or another account\'s city', async () => {
    for (const [accountId, key, reason] of [
      [dealer, '/encuentra24', /no program "encuentra24"/],
      [dealer, '/craigslist:x', /no program/],
      [dealer, '/craigslist:boston', /never run.*start craigslist boston/],
      [dark, '/craigslist', /city_fallback/],
      [other, '/craigslist:orlando', /never run/],
    ] as const) {
      const res = await get<unknown>(accountId, key);
      expect([key, res.status]).toEqual([key, 404]);
      const body = ProgramNotFoundSchema.parse(res.body);
      expect(body.reason).toMatch(reason);
    }
    // Found through programDetail too, with the same lookup rules.
    expect(await programDetail((fn) => withTenant(db.sql, dealer, fn), 'craigslist:boston')).toMatchObject({ found: false, city: 'boston' });
  });

  it('the response schemas convert to JSON Schema for the OpenAPI document', () => {
    for (const schema of [ProgramListSchema, ProgramDetailSchema, ProgramNotFoundSchema]) {
      const json = z.toJSONSchema(schema) as { type: string; properties: Record<string, unknown> };
      expect(json.type).toBe('object');
      expect(Object.keys(json.properties).length).toBeGreaterThan(1);
    }
  });
});
