/**
 * Receipts-first ingest (issue 16): a drain that dies mid-batch loses nothing and
 * applies nothing twice. Real sessions: a blocker holds one lead's row, so the
 * drainer stops in the middle of its batch (it has already applied the receipts
 * before that lead's); its backend is then terminated, as a crashed worker's
 * connection would be. The batch rolls back with it: every receipt is still
 * waiting, nothing of the batch is in the database, and the next drain applies
 * each receipt exactly once.
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
