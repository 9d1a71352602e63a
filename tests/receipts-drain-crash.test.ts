/**
 * Receipts-first ingest (issue 16): a drain that dies mid-batch loses nothing and
 * applies nothing twice. Real sessions: a blocker holds one lead's row, so the
 * drainer stops in the middle of its batch (it has already applied the receipts
 * before that lead's); its backend is then terminated, as a crashed worker's
 * connection would be. The batch rolls back with it: every receipt is still
 * waiting, nothing of the batch is in the database, and the next drain applies
 * each receipt exactly once. And two drainers racing: one holds a lead's
 * partition (stuck on that lead's row), the other drains everything else at the
 * same time and never touches a receipt of the held partition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../db/client.ts';
import { drainOnce } from '../worker/drain.ts';
import { drainReceipts } from './harness/drain.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

const PHONES = ['+13055557101', '+13055557102', '+13055557103'];
const RECEIPTS = 30;

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('two drainers at once', () => {
  let db: TestDatabase;
  let account: string;
  const phones = ['+13055558101', '+13055558102', '+13055558103', '+13055558104', '+13055558105', '+13055558106'];
  const leads: string[] = [];

  beforeAll(async () => {
    db = await cloneTemplate('drain_race');
    const [a] = await db.sql<{ id: string }[]>`select tests.create_account() as id`;
    account = a!.id;
    await db.sql`select tests.set_all_providers(${account})`;
    await db.sql`select tests.give_sms_senders(${account}, '+13055550900', '+13055550901')`;
    for (const phone of phones) {
      const [l] = await db.sql<{ id: string }[]>`select tests.create_lead(${account}, ${phone}, null, 'touched') as id`;
      leads.push(l!.id);
    }
    for (let i = 0; i < 36; i++) {
      const from = phones[i % phones.length]!;
      await db.sql`
        select public.receive_webhook(${account}::uuid, 'twilio', ${`message:SMrace${i}`}, 'inbound_sms', 'inbound_message', ${`phone:${from}`},
          jsonb_build_object('provider', 'twilio', 'event_id', ${`SMrace${i}`}::text, 'channel', 'sms', 'from', ${from}::text,
                             'to', '+13055550900', 'body', ${`question number ${i}`}::text))`;
    }
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('never apply one partition\'s receipts in two sessions, and keep each lead\'s order', async () => {
    const blocker: Sql = connect(db.url, { max: 1, applicationName: 'revenue-os-test-race-blocker' });
    const first: Sql = connect(db.url, { max: 1, role: 'revenue_worker', applicationName: 'revenue-os-test-race-a' });
    const second: Sql = connect(db.url, { max: 1, role: 'revenue_worker', applicationName: 'revenue-os-test-race-b' });
    try {
      const [me] = await first<{ pid: number }[]>`select pg_backend_pid() as pid`;
      const [held] = await db.sql<{ p: number }[]>`
        select drain_partition as p from public.webhook_receipts where idempotency_key = 'message:SMrace0'`;
      const inHeld = await db.sql<{ n: number }[]>`
        select count(*)::int as n from public.webhook_receipts where account_id = ${account} and drain_partition = ${held!.p}`;
      let a: ReturnType<typeof drainOnce> | null = null;
      await blocker.begin(async (tx) => {
        await tx`select id from public.leads where id = ${leads[0]!} for update`;
        // Drainer A takes one partition, the oldest receipt's (lead 0's), and waits on lead 0's row.
        a = drainOnce(first, 500, 1);
        await until(async () => {
          const [w] = await db.sql<{ waiting: boolean }[]>`select wait_event_type = 'Lock' as waiting from pg_stat_activity where pid = ${me!.pid}`;
          return w?.waiting === true;
        }, 20_000, 'drainer A to wait on lead 0');
        // Drainer B, meanwhile, gets everything else and none of A's partition.
        const b = await drainOnce(second, 500, 16);
        expect(b.processed).toBe(36 - inHeld[0]!.n);
        const [touched] = await db.sql<{ n: number }[]>`
          select count(*)::int as n from public.webhook_receipts
          where account_id = ${account} and drain_partition = ${held!.p} and processed_at is not null`;
        expect(touched!.n).toBe(0);
      });
      // The blocker's transaction is over (the row is free): A finishes its partition.
      const resultA = await a!;
      expect(resultA).toMatchObject({ processed: inHeld[0]!.n, failed: 0 });
      const [done] = await db.sql<{ messages: number; backwards: number; attempts: number }[]>`
        select (select count(*)::int from public.inbound_messages where account_id = ${account}) as messages,
               (select count(*)::int from (select processed_at < lag(processed_at) over (partition by ordering_key order by seq) as b
                                           from public.webhook_receipts where account_id = ${account}) x where b) as backwards,
               (select max(attempts)::int from public.webhook_receipts where account_id = ${account}) as attempts`;
      expect(done).toEqual({ messages: 36, backwards: 0, attempts: 1 });
    } finally {
      await Promise.all([first.end({ timeout: 5 }), second.end({ timeout: 5 }), blocker.end({ timeout: 5 })]);
    }
  });
});

describe('a drain killed mid-batch', () => {
  let db: TestDatabase;
  let account: string;
  const leads: string[] = [];

  beforeAll(async () => {
    db = await cloneTemplate('drain_crash');
    const [a] = await db.sql<{ id: string }[]>`select tests.create_account() as id`;
    account = a!.id;
    await db.sql`select tests.set_all_providers(${account})`;
    await db.sql`select tests.give_sms_senders(${account}, '+13055550900', '+13055550901')`;
    for (const phone of PHONES) {
      const [l] = await db.sql<{ id: string }[]>`select tests.create_lead(${account}, ${phone}, null, 'touched') as id`;
      leads.push(l!.id);
    }
    for (let i = 0; i < RECEIPTS; i++) {
      const from = PHONES[i % PHONES.length]!;
      await db.sql`
        select public.receive_webhook(${account}::uuid, 'twilio', ${`message:SMcrash${i}`}, 'inbound_sms', 'inbound_message', ${`phone:${from}`},
          jsonb_build_object('provider', 'twilio', 'event_id', ${`SMcrash${i}`}::text, 'channel', 'sms', 'from', ${from}::text,
                             'to', '+13055550900', 'body', ${`question number ${i}`}::text))`;
    }
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('loses nothing and applies nothing twice', async () => {
    const blocker: Sql = connect(db.url, { max: 1, applicationName: 'revenue-os-test-drain-blocker' });
    const drainer: Sql = connect(db.url, { max: 1, role: 'revenue_worker', applicationName: 'revenue-os-test-drain-victim' });
    try {
      const [me] = await drainer<{ pid: number }[]>`select pg_backend_pid() as pid`;
      let drainError: unknown = null;
      await blocker.begin(async (tx) => {
        // The second lead's row is held: the drainer applies the first receipt, then waits on the second.
        await tx`select id from public.leads where id = ${leads[1]!} for update`;
        const pending = drainOnce(drainer, 500).then(
          () => null,
          (error: unknown) => error,
        );
        await until(async () => {
          const [w] = await db.sql<{ waiting: boolean }[]>`
            select wait_event_type = 'Lock' as waiting from pg_stat_activity where pid = ${me!.pid}`;
          return w?.waiting === true;
        }, 20_000, 'the drainer to wait mid-batch');
        // Mid-batch: the first receipt is applied, in the drainer's open transaction only.
        const [killed] = await db.sql<{ ok: boolean }[]>`select pg_terminate_backend(${me!.pid}) as ok`;
        expect(killed!.ok).toBe(true);
        drainError = await pending;
      });
      expect(drainError, 'the drain call failed with its connection').not.toBeNull();

      // Nothing of the batch survived; every receipt still waits.
      const [after] = await db.sql<{ waiting: number; attempts: number; messages: number; events: number }[]>`
        select (select count(*)::int from public.webhook_receipts where account_id = ${account} and processed_at is null) as waiting,
               (select coalesce(sum(attempts), 0)::int from public.webhook_receipts where account_id = ${account}) as attempts,
               (select count(*)::int from public.inbound_messages where account_id = ${account}) as messages,
               (select count(*)::int from public.core_memory_events where account_id = ${account} and event_type = 'inbound_message') as events`;
      expect(after).toEqual({ waiting: RECEIPTS, attempts: 0, messages: 0, events: 0 });

      // The next drain applies each exactly once.
      const result = await drainReceipts(db.sql);
      expect(result).toMatchObject({ processed: RECEIPTS, failed: 0 });
      const [done] = await db.sql<{ waiting: number; once: number; messages: number; distinct_messages: number; events: number }[]>`
        select (select count(*)::int from public.webhook_receipts where account_id = ${account} and processed_at is null) as waiting,
               (select count(*)::int from public.webhook_receipts where account_id = ${account} and attempts = 1 and outcome = 'recorded') as once,
               (select count(*)::int from public.inbound_messages where account_id = ${account}) as messages,
               (select count(distinct provider_message_id)::int from public.inbound_messages where account_id = ${account}) as distinct_messages,
               (select count(*)::int from public.core_memory_events where account_id = ${account} and event_type = 'inbound_message') as events`;
      expect(done).toEqual({ waiting: 0, once: RECEIPTS, messages: RECEIPTS, distinct_messages: RECEIPTS, events: RECEIPTS });
      // Each lead moved to responded once.
      const [transitions] = await db.sql<{ n: number }[]>`
        select count(*)::int as n from public.lead_events where lead_id = any(${leads}::uuid[]) and new_state = 'responded'`;
      expect(transitions!.n).toBe(PHONES.length);
    } finally {
      await drainer.end({ timeout: 1 }).catch(() => {});
      await blocker.end({ timeout: 5 });
    }
  });
});
