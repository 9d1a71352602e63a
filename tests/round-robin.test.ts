import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, withTenant, type Sql, type TransactionSql } from '../db/client.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

/**
 * public.assign_lead_round_robin under real concurrency: separate connection pools
 * call it at the same time, as the API role, the way concurrent webhook handlers would.
 */

interface Assignment {
  outcome: string;
  assigned_user_id: string | null;
  sequence_index: number | null;
}

async function assignIn(tx: TransactionSql, leadId: string): Promise<Assignment> {
  const rows = await tx<Assignment[]>`
    select outcome, assigned_user_id, sequence_index
    from public.assign_lead_round_robin(${leadId}::uuid, 'email')`;
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
  return rows[0]!;
}

function assign(sql: Sql, accountId: string, leadId: string): Promise<Assignment> {
  return withTenant(sql, accountId, (tx) => assignIn(tx, leadId));
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

describe('round-robin assignment with concurrent callers', () => {
  let db: TestDatabase;
  let callers: Sql[];
  let accountId: string;
  let setterA: string;
  let setterB: string;

  async function createLeads(n: number): Promise<string[]> {
    const rows = await db.sql<{ id: string }[]>`
      select tests.create_lead(${accountId}::uuid) as id from pg_catalog.generate_series(1, ${n})`;
    return rows.map((r) => r.id);
  }

  async function pointer(): Promise<number | null> {
    const [row] = await db.sql<{ last: number | null }[]>`
      select round_robin_last_setter_index as last from public.org_settings where account_id = ${accountId}`;
    return row!.last;
  }

  beforeAll(async () => {
    db = await cloneTemplate('round_robin');
    const [account] = await db.sql<{ id: string }[]>`select tests.create_account('Round Robin') as id`;
    accountId = account!.id;
    const [a] = await db.sql<{ id: string }[]>`select tests.create_user(${accountId}::uuid, 'setter') as id`;
    const [b] = await db.sql<{ id: string }[]>`select tests.create_user(${accountId}::uuid, 'setter') as id`;
    setterA = a!.id;
    setterB = b!.id;
    await db.sql`
      update public.org_settings
      set round_robin_enabled = true,
          round_robin_setter_sequence = array[${setterA}::uuid, ${setterA}::uuid, ${setterB}::uuid]
      where account_id = ${accountId}`;
    callers = [
      connect(db.url, { max: 4, applicationName: 'rr-caller-1' }),
      connect(db.url, { max: 4, applicationName: 'rr-caller-2' }),
    ];
  });

  afterAll(async () => {
    await Promise.all((callers ?? []).map((c) => c.end({ timeout: 5 })));
    await db?.drop();
  });

  it('splits 60 leads 40/20 over [A, A, B] when two pools assign them at once', async () => {
    const leads = await createLeads(60);
    // Interleaved: pool 1 takes the even leads, pool 2 the odd ones, all in flight together.
    const results = await Promise.all(leads.map((lead, i) => assign(callers[i % 2]!, accountId, lead)));

    expect(results.every((r) => r.outcome === 'assigned')).toBe(true);
    expect(countBy(results, (r) => r.assigned_user_id!)).toEqual({ [setterA]: 40, [setterB]: 20 });
    // Every call advanced the pointer by exactly one: each position was used 20 times.
    expect(countBy(results, (r) => String(r.sequence_index))).toEqual({ '0': 20, '1': 20, '2': 20 });

    const owners = await db.sql<{ user_id: string; n: number }[]>`
      select assigned_user_id as user_id, count(*)::int as n from public.leads
      where id = any(${leads}::uuid[]) group by 1`;
    expect(Object.fromEntries(owners.map((o) => [o.user_id, o.n]))).toEqual({ [setterA]: 40, [setterB]: 20 });

    const [audit] = await db.sql<{ rows: number; leads: number; mismatched: number }[]>`
      select count(*)::int as rows,
             count(distinct e.lead_id)::int as leads,
             count(*) filter (
               where e.assigned_to_user_id <> l.assigned_user_id
                  or e.source <> 'round_robin'
                  or e.channel is distinct from 'email'
                  or e.assigned_to_user_id <> (array[${setterA}::uuid, ${setterA}::uuid, ${setterB}::uuid])[e.sequence_index + 1]
             )::int as mismatched
      from public.lead_assignment_events e join public.leads l on l.id = e.lead_id
      where e.lead_id = any(${leads}::uuid[])`;
    expect(audit).toEqual({ rows: 60, leads: 60, mismatched: 0 });

    // 60 steps from an unset pointer end on position (60 - 1) mod 3.
    expect(await pointer()).toBe(2);
  });

  it('assigns a lead once when a second connection asks while the first holds the lock', async () => {
    const [lead] = await createLeads(1);
    const before = await pointer();
    let second: Promise<Assignment> | undefined;

    const first = await callers[0]!.begin(async (tx) => {
      await tx.unsafe('set local role revenue_api');
      await tx`select pg_catalog.set_config('app.account_id', ${accountId}, true)`;
      const result = await assignIn(tx, lead!);
      // The first caller has assigned but not committed; the second must wait for it.
      second = assign(callers[1]!, accountId, lead!);
      await waitForLockWait(db.sql, 'rr-caller-2');
      return result;
    });
    const late = await second!;

    expect(first).toMatchObject({ outcome: 'assigned' });
    expect(late).toEqual({ outcome: 'already_assigned', assigned_user_id: first.assigned_user_id, sequence_index: null });
    const [row] = await db.sql<{ owner: string; events: number }[]>`
      select l.assigned_user_id as owner,
             (select count(*)::int from public.lead_assignment_events e where e.lead_id = l.id) as events
      from public.leads l where l.id = ${lead!}`;
    expect(row).toEqual({ owner: first.assigned_user_id, events: 1 });
    expect(await pointer()).toBe(((before ?? -1) + 1) % 3);
  });

  it('assigns each of 10 leads once when two connections race for each of them', async () => {
    const leads = await createLeads(10);
    const before = await pointer();
    const pairs = await Promise.all(
      leads.map((lead) => Promise.all([assign(callers[0]!, accountId, lead), assign(callers[1]!, accountId, lead)])),
    );

    for (const [x, y] of pairs) {
      expect([x.outcome, y.outcome].sort()).toEqual(['already_assigned', 'assigned']);
      expect(x.assigned_user_id).toBe(y.assigned_user_id);
    }
    const [audit] = await db.sql<{ rows: number; leads: number }[]>`
      select count(*)::int as rows, count(distinct lead_id)::int as leads
      from public.lead_assignment_events where lead_id = any(${leads}::uuid[])`;
    expect(audit).toEqual({ rows: 10, leads: 10 });
    expect(await pointer()).toBe(((before ?? -1) + 10) % 3);
  });
});

/** Waits until a backend of the named application is blocked on a lock. */
async function waitForLockWait(sql: Sql, applicationName: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const [row] = await sql<{ waiting: boolean }[]>`
      select exists (
        select 1 from pg_catalog.pg_stat_activity
        where application_name = ${applicationName} and wait_event_type = 'Lock'
      ) as waiting`;
    if (row!.waiting) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${applicationName} never waited for a lock`);
}
