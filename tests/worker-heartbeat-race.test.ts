/**
 * Two live workers check for dead ones at the same moment, in two real database
 * sessions: the silent worker is declared dead once, by one of them; the other
 * skips the row the first holds and declares nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../db/client.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

let db: TestDatabase;
let one: Sql;
let two: Sql;

beforeAll(async () => {
  db = await cloneTemplate('heartbeat_race');
  one = connect(db.url, { max: 1, applicationName: 'heartbeat-race-1' });
  two = connect(db.url, { max: 1, applicationName: 'heartbeat-race-2' });
});

afterAll(async () => {
  await one?.end({ timeout: 5 });
  await two?.end({ timeout: 5 });
  await db?.drop();
});

describe('declaring a worker dead', () => {
  it('happens once when two live workers check at the same time', async () => {
    await db.sql`select brain.beat_worker('host:9', 9, 'host', array['pool-9'], now() - interval '90 seconds')`;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let firstDone!: (n: number) => void;
    const firstCalled = new Promise<number>((r) => (firstDone = r));
    // Session one declares and holds its transaction open.
    const first = one.begin(async (tx) => {
      const rows = await tx`select worker_id from brain.declare_dead_workers()`;
      firstDone(rows.length);
      await gate;
      return rows.length;
    });
    expect(await firstCalled).toBe(1);
    // Session two checks meanwhile: the row is held, so it declares nothing (and does not wait).
    const second = await two.begin(async (tx) => (await tx`select worker_id from brain.declare_dead_workers()`).length);
    release();
    expect(await first).toBe(1);
    expect(second).toBe(0);
    const [left] = await db.sql<{ n: number }[]>`select count(*)::int as n from public.worker_heartbeats`;
    expect(left!.n).toBe(0);
    // And once committed, a later check finds nothing either.
    const again = await two`select worker_id from brain.declare_dead_workers()`;
    expect(again).toHaveLength(0);
  });
});
