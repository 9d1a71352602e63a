/**
 * Team changes racing in two real database sessions: two owners demoting each
 * other at once, and one invite link accepted twice at once. The database must
 * serialize them: one wins, the other is refused, and the account keeps an owner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, withTenant, withRole, type Sql } from '../db/client.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

let db: TestDatabase;
let one: Sql;
let two: Sql;
let account: string;
let a: string;
let b: string;

beforeAll(async () => {
  db = await cloneTemplate('team_races');
  one = connect(db.url, { max: 1, applicationName: 'team-race-1' });
  two = connect(db.url, { max: 1, applicationName: 'team-race-2' });
  const id = async (q: Promise<{ id: string }[]>) => (await q)[0]!.id;
  account = await id(db.sql<{ id: string }[]>`select tests.create_account('Race') as id`);
  a = await id(db.sql<{ id: string }[]>`select tests.create_user(${account}, 'owner') as id`);
  b = await id(db.sql<{ id: string }[]>`select tests.create_user(${account}, 'owner') as id`);
});

afterAll(async () => {
  await one?.end({ timeout: 5 });
  await two?.end({ timeout: 5 });
  await db?.drop();
});

/** Runs fn in its own transaction and holds the commit until release() is called. */
function held<T>(sql: Sql, fn: (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) => Promise<T>) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let done!: (v: T) => void;
  const called = new Promise<T>((r) => (done = r));
  const committed = withTenant(sql, account, async (tx) => {
    const v = await fn(tx);
    done(v);
    await gate;
    return v;
  });
  return { called, committed, release };
}

/** Whether a promise is still pending after ms. */
async function pendingAfter(p: Promise<unknown>, ms: number): Promise<boolean> {
  const marker = Symbol('pending');
  const r = await Promise.race([p.then(() => null, () => null), new Promise((res) => setTimeout(() => res(marker), ms))]);
  return r === marker;
}

describe('team races', () => {
  it('two owners demoting each other at once: the second waits, then is refused as the last owner', async () => {
    const first = held(one, (tx) => tx`select public.change_member_role(${a}, ${a}, 'admin') as old`);
    await first.called;
    const second = withTenant(two, account, (tx) => tx`select public.change_member_role(${b}, ${b}, 'admin') as old`);
    second.catch(() => undefined);
    expect(await pendingAfter(second, 300)).toBe(true);
    first.release();
    await first.committed;
    await expect(second).rejects.toMatchObject({ code: 'P0001', message: 'last_owner' });
    const owners = await db.sql`select user_id from public.account_members where account_id = ${account} and role = 'owner' and is_active`;
    expect(owners).toEqual([{ user_id: b }]);
  });

  it('one invite link accepted twice at once creates one user', async () => {
    const hash = 'ab'.repeat(32);
    await withTenant(db.sql, account, (tx) => tx`select * from public.create_account_invite(${b}, 'twice@example.com', 'viewer', ${hash})`);
    const accept = (sql: Sql) =>
      withRole(sql, 'revenue_login', (tx) => tx`select public.accept_account_invite_as_new_user(${hash}, 'Twice', 'scrypt$x') as id`);
    const results = await Promise.allSettled([accept(one), accept(two)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: '55000', message: 'invite_used' });
    const users = await db.sql`select count(*)::int as n from public.users where email = 'twice@example.com'`;
    expect(users).toEqual([{ n: 1 }]);
  });
});
