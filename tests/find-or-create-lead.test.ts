import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, withTenant, type Sql } from '../db/client.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

/** One call of public.find_or_create_lead, as its own transaction of the API role. */
interface Outcome {
  lead_id: string;
  matched_by: string;
  created: boolean;
}

type LeadInput = Record<string, string>;

const CALLS = 50;

describe('find_or_create_lead under concurrent sessions', () => {
  let db: TestDatabase;
  let pool: Sql;
  let accountId: string;

  beforeAll(async () => {
    db = await cloneTemplate('find_or_create_lead');
    // Ten real server sessions: the 50 calls of each scenario race through them.
    pool = connect(db.url, { max: 10, applicationName: 'revenue-os-test-lead-intake' });
    const [account] = await db.sql<{ id: string }[]>`
      insert into public.accounts (name, slug) values ('Intake', 'intake') returning id`;
    accountId = account!.id;
    // Open every session before the races start, so the calls overlap instead of queueing on connects.
    await Promise.all(Array.from({ length: 10 }, () => pool`select pg_catalog.pg_sleep(0.05)`));
  });
  afterAll(async () => {
    await pool.end({ timeout: 5 });
    await db.drop();
  });

  async function call(lead: LeadInput): Promise<Outcome> {
    const rows = await withTenant(pool, accountId, (tx) => tx<Outcome[]>`
      select lead_id, matched_by, created from public.find_or_create_lead(${accountId}, ${tx.json(lead)})`);
    return rows[0]!;
  }

  async function race(leads: LeadInput[]): Promise<Outcome[]> {
    return Promise.all(leads.map((lead) => call(lead)));
  }

  async function leadsWhere(column: 'email' | 'phone' | 'external_id', value: string): Promise<string[]> {
    const rows = await db.sql<{ id: string }[]>`
      select id from public.leads where account_id = ${accountId} and ${db.sql(column)}::text = ${value}`;
    return rows.map((r) => r.id);
  }

  function expectOneLead(outcomes: Outcome[], leadIds: string[], otherRule: string): void {
    expect(leadIds).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.lead_id))).toEqual(new Set(leadIds));
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.created).every((o) => o.matched_by === otherRule)).toBe(true);
  }

  it('50 calls with the same new email create one lead and all return it', async () => {
    const outcomes = await race(Array.from({ length: CALLS }, (_, i) => ({
      source: 'webhook',
      email: i % 2 ? 'Race.Email@Example.com' : 'race.email@example.com ',
    })));
    const ids = await leadsWhere('email', 'race.email@example.com');
    expectOneLead(outcomes, ids, 'email');
    const [events] = await db.sql<{ created: number; matched: number }[]>`
      select count(*) filter (where event_type = 'lead_created')::int as created,
             count(*) filter (where event_type = 'lead_matched')::int as matched
      from public.lead_events where lead_id = ${ids[0]!}`;
    expect(events).toEqual({ created: 1, matched: CALLS - 1 });
  });

  it('50 calls with the same new phone create one lead', async () => {
    const outcomes = await race(Array.from({ length: CALLS }, () => ({ source: 'inbound_sms', phone: '+13055550142' })));
    expectOneLead(outcomes, await leadsWhere('phone', '+13055550142'), 'phone');
  });

  it('50 calls with the same new external id create one lead', async () => {
    const outcomes = await race(Array.from({ length: CALLS }, () => ({ source: 'craigslist', external_id: '7799000001' })));
    expectOneLead(outcomes, await leadsWhere('external_id', '7799000001'), 'external_id');
  });

  it('email-only and email+phone calls for one person converge on one lead that has both', async () => {
    const email = 'mix@example.com';
    const phone = '+13055550143';
    const outcomes = await race(Array.from({ length: CALLS }, (_, i): LeadInput => (i % 3 === 0 ? { source: 'import', email, phone } : { source: 'import', email })));
    const ids = await leadsWhere('email', email);
    expectOneLead(outcomes, ids, 'email');
    expect(await leadsWhere('phone', phone)).toEqual(ids);
  });

  it('phone-only and email+phone calls for one person converge on one lead', async () => {
    const email = 'mix2@example.com';
    const phone = '+13055550144';
    const outcomes = await race(Array.from({ length: CALLS }, (_, i): LeadInput => (i % 2 ? { source: 'import', phone } : { source: 'import', email, phone })));
    const ids = await leadsWhere('phone', phone);
    expect(ids).toHaveLength(1);
    expect(await leadsWhere('email', email)).toEqual(ids);
    expect(new Set(outcomes.map((o) => o.lead_id))).toEqual(new Set(ids));
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
  });

  it('matches an external id that a writer bypassing the function inserted at the same moment', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: (id: string) => void;
    const insertedId = new Promise<string>((resolve) => (inserted = resolve));
    // A plain INSERT of the same posting, still uncommitted when the call arrives.
    const direct = db.sql.begin(async (tx) => {
      const [row] = await tx<{ id: string }[]>`
        insert into public.leads (account_id, source, external_id) values (${accountId}, 'craigslist', '7799000002') returning id`;
      inserted(row!.id);
      await gate;
    });
    const directId = await insertedId;
    const pending = call({ source: 'craigslist', external_id: '7799000002', email: 'posting@example.com' });
    // The call cannot see the uncommitted row, so its insert waits on the unique key.
    let blocked = false;
    for (let i = 0; i < 100 && !blocked; i++) {
      const [waiting] = await db.sql<{ n: number }[]>`
        select count(*)::int as n from pg_catalog.pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`;
      blocked = waiting!.n > 0;
      if (!blocked) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    release();
    expect(blocked).toBe(true);
    await direct;
    expect(await pending).toEqual({ lead_id: directId, matched_by: 'external_id', created: false });
    expect(await leadsWhere('external_id', '7799000002')).toEqual([directId]);
    expect(await leadsWhere('email', 'posting@example.com')).toEqual([directId]);
  });

  it('refuses repeatable read, whose snapshot could miss a lead created by a racing session', async () => {
    await expect(
      pool.begin('isolation level repeatable read', (tx) => tx`
        select * from public.find_or_create_lead(${accountId}, ${tx.json({ source: 'import', email: 'rr@example.com' })})`),
    ).rejects.toMatchObject({ code: '0A000', message: 'unsupported_isolation_level' });
    expect(await leadsWhere('email', 'rr@example.com')).toEqual([]);
  });
});
