/**
 * waitForSlot (worker/dispatch/send.ts): a claimed send starts no earlier than its sender's
 * slot, and never more than 50 ms after it; a send that would start later takes a new slot
 * (brain.reslot_touch) and waits again, at most 5 times; a slot further ahead than 65 s is
 * not waited for. Fake timers, and a stand-in for the SQL call that answers the new slots.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Sql } from '../db/client.ts';
import { setLogSink } from '../lib/log.ts';
import { waitForSlot } from '../worker/dispatch/send.ts';

const T0 = Date.parse('2026-12-05T12:00:00.000Z');
const TOUCH = '00000000-0000-4000-8000-000000000001';

/** A stand-in for deps.sql: records each call's values and answers the next slot from `slots`. */
function fakeSql(slots: number[], onCall: () => void = () => {}) {
  const calls: unknown[][] = [];
  const sql = ((_strings: TemplateStringsArray, ...values: unknown[]) => {
    calls.push(values);
    onCall();
    const next = slots.shift();
    if (next === undefined) return Promise.reject(new Error('no slot left'));
    return Promise.resolve([{ slot: new Date(next) }]);
  }) as unknown as Sql;
  return { sql, calls };
}

let logs: string[] = [];
let restore: () => void;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
  logs = [];
  restore = setLogSink((line) => logs.push(line));
});

afterEach(() => {
  vi.useRealTimers();
  restore();
});

describe('waitForSlot', () => {
  it('waits until a future slot and starts then, without asking for a new one', async () => {
    const { sql, calls } = fakeSql([]);
    let done = false;
    const waiting = waitForSlot({ sql, workerId: 'w1' }, TOUCH, new Date(T0 + 800).toISOString()).then((n) => {
      done = true;
      return n;
    });
    await vi.advanceTimersByTimeAsync(799);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await waiting).toBe(0);
    expect(Date.now()).toBe(T0 + 800);
    expect(calls).toHaveLength(0);
    expect(logs.some((l) => l.includes('TOUCH_RESLOTTED'))).toBe(false);
  });

  it('starts a send up to 50 ms late as it is; later than that, it takes a new slot and waits for it', async () => {
    const onTime = fakeSql([]);
    expect(await waitForSlot({ sql: onTime.sql, workerId: 'w1' }, TOUCH, new Date(T0 - 50).toISOString())).toBe(0);
    expect(onTime.calls).toHaveLength(0);

    const late = fakeSql([T0 + 300]);
    const waiting = waitForSlot({ sql: late.sql, workerId: 'w1' }, TOUCH, new Date(T0 - 51).toISOString());
    await vi.advanceTimersByTimeAsync(300);
    expect(await waiting).toBe(1);
    expect(Date.now()).toBe(T0 + 300);
    // brain.reslot_touch is asked for this touch, as this worker.
    expect(late.calls).toEqual([[TOUCH, 'w1']]);
    const line = logs.find((l) => l.includes('TOUCH_RESLOTTED'));
    expect(line && JSON.parse(line)).toMatchObject({ level: 'warn', touch_run_id: TOUCH, reslots: 1, still_late_ms: 0 });
  });

  it('a worker still too slow after 5 new slots sends anyway, and says how late', async () => {
    // Each new slot has passed by the time the answer is read: the clock moves 100 ms per call.
    const slots = [1, 2, 3, 4, 5].map((i) => T0 + i * 100);
    const { sql, calls } = fakeSql(slots, () => vi.setSystemTime(Date.now() + 200));
    expect(await waitForSlot({ sql, workerId: 'w2' }, TOUCH, new Date(T0 - 1000).toISOString())).toBe(5);
    expect(calls).toHaveLength(5);
    const line = JSON.parse(logs.find((l) => l.includes('TOUCH_RESLOTTED'))!);
    expect(line).toMatchObject({ reslots: 5 });
    expect(line.still_late_ms).toBeGreaterThan(50);
  });

  it('refuses to wait for a slot more than 65 s ahead, claimed or given by a reslot', async () => {
    const far = fakeSql([]);
    await expect(waitForSlot({ sql: far.sql, workerId: 'w1' }, TOUCH, new Date(T0 + 65_001).toISOString())).rejects.toThrow(/s ahead/);
    expect(far.calls).toHaveLength(0);

    const reslotFar = fakeSql([T0 + 70_000]);
    await expect(waitForSlot({ sql: reslotFar.sql, workerId: 'w1' }, TOUCH, new Date(T0 - 100).toISOString())).rejects.toThrow(/70 s ahead/);
    expect(reslotFar.calls).toHaveLength(1);
  });

  it('a failed reslot call rejects, so the caller can record the send unknown', async () => {
    const { sql } = fakeSql([]);
    await expect(waitForSlot({ sql, workerId: 'w1' }, TOUCH, new Date(T0 - 100).toISOString())).rejects.toThrow('no slot left');
  });
});
