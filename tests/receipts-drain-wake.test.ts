/**
 * The receipts drain's wake-up (lib/receipt-signal.ts, worker/drain.ts): the drain
 * loop backs off to maxDelayMs when idle, and a group of receipts committed by the
 * webhook side in the same process cuts that wait short. The drain here backs off
 * to 60 s, so a receipt applied within a few seconds was applied because of the
 * wake-up; a receipt written behind the webhook side's back (no signal) waits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../db/client.ts';
import { receive } from '../api/webhooks/common.ts';
import { startReceiptDrain, type ReceiptDrain } from '../worker/drain.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

let db: TestDatabase;
let account: string;
let ingestSql: Sql;
let workerSql: Sql;
let drain: ReceiptDrain | null = null;

async function processedAt(key: string): Promise<Date | null> {
  const [r] = await db.sql<{ processed_at: Date | null }[]>`
    select processed_at from public.webhook_receipts where provider = 'twilio' and idempotency_key = ${key}`;
  return r?.processed_at ?? null;
}

function payload(id: string, from: string) {
  return { provider: 'twilio', event_id: id, channel: 'sms', from, to: '+13055550900', body: 'is it still available?' };
}

beforeAll(async () => {
  db = await cloneTemplate('drain_wake');
  const [a] = await db.sql<{ id: string }[]>`select tests.create_account() as id`;
  account = a!.id;
  await db.sql`select tests.set_all_providers(${account})`;
  await db.sql`select tests.give_sms_senders(${account}, '+13055550900', '+13055550901')`;
  ingestSql = connect(db.url, { max: 2, role: 'revenue_ingest', applicationName: 'revenue-os-test-wake-ingest' });
  workerSql = connect(db.url, { max: 2, role: 'revenue_worker', applicationName: 'revenue-os-test-wake-drain' });
});

afterAll(async () => {
  await drain?.stop();
  await ingestSql?.end();
  await workerSql?.end();
  await db?.drop();
});

describe('receipts drain wake-up', () => {
  it('a committed receipt group wakes an idle drain at once; a receipt written without the signal waits for the poll', async () => {
    drain = startReceiptDrain(workerSql, { maxBatch: 500, minBatch: 20, targetBatchMs: 250, minDelayMs: 60_000, maxDelayMs: 60_000, partitions: 16 });
    // Let the first (empty) pass finish: the loop is now waiting 60 s.
    await new Promise((r) => setTimeout(r, 500));

    // Written directly (no webhook side, no signal): still waiting two seconds later.
    await db.sql`select public.receive_webhook(${account}::uuid, 'twilio', 'message:SMquiet1', 'inbound_sms', 'inbound_message',
                   'phone:+13055557201', ${db.sql.json(payload('SMquiet1', '+13055557201'))})`;
    await new Promise((r) => setTimeout(r, 2000));
    expect(await processedAt('message:SMquiet1')).toBeNull();

    // Through the webhook side's group commit: the drain wakes and applies both.
    const outcome = await receive(ingestSql, {
      accountId: account, provider: 'twilio', idempotencyKey: 'message:SMwake1', eventType: 'inbound_sms', kind: 'inbound_message',
      orderingKey: 'phone:+13055557202', payload: payload('SMwake1', '+13055557202'), nulFields: [],
    });
    expect(outcome).toBe('received');
    const deadline = Date.now() + 10_000;
    while ((await processedAt('message:SMwake1')) === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await processedAt('message:SMwake1')).not.toBeNull();
    expect(await processedAt('message:SMquiet1')).not.toBeNull();

    // A duplicate writes nothing new, so it wakes nothing (and changes nothing).
    const again = await receive(ingestSql, {
      accountId: account, provider: 'twilio', idempotencyKey: 'message:SMwake1', eventType: 'inbound_sms', kind: 'inbound_message',
      orderingKey: 'phone:+13055557202', payload: payload('SMwake1', '+13055557202'), nulFields: [],
    });
    expect(again).toBe('duplicate');
    const [m] = await db.sql<{ n: number }[]>`select count(*)::int as n from public.inbound_messages where provider_message_id = 'SMwake1'`;
    expect(m!.n).toBe(1);
  }, 30_000);
});
