/**
 * Batched claims in real, separate database sessions (house style: races get two or
 * more sessions, as pgmq's isolation specs do). A batch skips the touches another
 * session holds instead of taking or waiting for them, and three sessions
 * claiming batches of one account at once claim every touch exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../db/client.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

let db: TestDatabase;
const sessions: Sql[] = [];

beforeAll(async () => {
  db = await cloneTemplate('dispatch_batch_race');
  for (let i = 0; i < 3; i++) sessions.push(connect(db.url, { max: 1, applicationName: `batch-race-${i}`, role: 'revenue_worker' }));
});

afterAll(async () => {
  for (const s of sessions) await s.end({ timeout: 5 });
  await db?.drop();
});

/** An account whose leads are inside their send window now, on the sink, with `senders` numbers. */
async function account(slug: string, leads: number, senders: number): Promise<string> {
  const { sql } = db;
  const [zone] = await sql<{ tz: string }[]>`
    select tz from unnest(array['America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'Europe/London',
                                'Europe/Berlin', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney',
                                'Pacific/Auckland', 'America/Sao_Paulo']) tz
    where extract(hour from now() at time zone tz) between 9 and 17 limit 1`;
  const [a] = await sql<{ id: string }[]>`insert into public.accounts (name, slug) values (${slug}, ${slug}) returning id`;
  const id = a!.id;
  await sql`update public.org_settings set timezone = ${zone!.tz}, send_window_start = '08:00', send_window_end = '21:00' where account_id = ${id}`;
  const config = {
    senders: Array.from({ length: senders }, (_, i) => ({ address: `+1305555${String(2000 + i + (slug.length % 7) * 100)}`, persona: 'initial' })),
    max_per_second: 1000,
  };
  await sql`insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
            values (${id}, 'sms', 'sink', true, ${sql.json(config)})`;
  await sql`
    with l as (
      -- Enriched already (issue 19): a pending lead's touches would wait for its enrichment.
      insert into public.leads (account_id, first_name, phone, timezone, source, external_id, enrichment_status, enrichment_finished_at)
      select ${id}, 'Lead', '+1786555' || lpad(i::text, 4, '0'), ${zone!.tz}, 'race', ${slug} || i, 'done', now()
      from generate_series(1, ${leads}::int) i
      returning id)
    insert into public.touch_runs (account_id, lead_id, step, channel, attempt, status, scheduled_at, payload)
    select ${id}, l.id, 1, 'sms', 1, 'queued', now() - interval '1 second', '{"delivery": {"body": "Hi {{first_name}}"}}'::jsonb from l`;
  return id;
}

describe('brain.claim_touches in separate sessions', () => {
  it('skips the touches another session holds, without waiting for them', async () => {
    const a = await account('skiplocked', 10, 1);
    const [one, two] = sessions;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let lockedOne!: (ids: string[]) => void;
    const locked = new Promise<string[]>((r) => (lockedOne = r));
    // Session one holds four due touches (as a single claim in flight would).
    const first = one!.begin(async (tx) => {
      const rows = await tx<{ id: string }[]>`
        select id from public.touch_runs where account_id = ${a} order by scheduled_at, id limit 4 for update`;
      lockedOne(rows.map((r) => r.id));
      await gate;
    });
    const heldByOne = await locked;
    expect(heldByOne).toHaveLength(4);
    // Session two's batch neither takes them nor waits for them (a wait would hit lock_timeout).
    const rows = await two!.begin(async (tx) => {
      await tx`set local lock_timeout = '1s'`;
      return tx<{ touch_run_id: string; outcome: string }[]>`
        select touch_run_id, claim ->> 'outcome' as outcome from brain.claim_touches(${a}, 10, 'worker-2')`;
    });
    release();
    await first;
    expect(rows.map((r) => r.outcome)).toEqual(Array(6).fill('claimed'));
    expect(rows.filter((r) => heldByOne.includes(r.touch_run_id))).toEqual([]);
    // Once released, the next batch takes the four.
    const later = await two!<{ touch_run_id: string }[]>`select touch_run_id from brain.claim_touches(${a}, 10, 'worker-1')`;
    expect(later.map((r) => r.touch_run_id).sort()).toEqual([...heldByOne].sort());
    const [state] = await db.sql<{ sending: number; one: number; two: number; messages: number }[]>`
      select count(*) filter (where status = 'sending')::int as sending,
             count(*) filter (where claimed_by = 'worker-1')::int as one,
             count(*) filter (where claimed_by = 'worker-2')::int as two,
             (select count(*)::int from public.outbound_messages where account_id = ${a}) as messages
      from public.touch_runs where account_id = ${a}`;
    expect(state).toEqual({ sending: 10, one: 4, two: 6, messages: 10 });
  });

  it('claims every touch once when three sessions claim batches at the same time', async () => {
    const a = await account('threeway', 300, 20);
    const claimedBy = await Promise.all(
      sessions.map(async (s, i) => {
        const mine: string[] = [];
        for (;;) {
          const rows = await s<{ touch_run_id: string; outcome: string }[]>`
            select touch_run_id, claim ->> 'outcome' as outcome from brain.claim_touches(${a}, 7, ${`worker-${i}`})`;
          if (rows.length === 0) return mine;
          mine.push(...rows.filter((r) => r.outcome === 'claimed').map((r) => r.touch_run_id));
        }
      }),
    );
    const all = claimedBy.flat();
    expect(all).toHaveLength(300);
    expect(new Set(all).size).toBe(300);
    // The work was shared, not done by one session while the others waited.
    expect(claimedBy.filter((c) => c.length > 0).length).toBeGreaterThanOrEqual(2);
    const [state] = await db.sql<{ sending: number; messages: number; keys: number }[]>`
      select (select count(*)::int from public.touch_runs where account_id = ${a} and status = 'sending') as sending,
             (select count(*)::int from public.outbound_messages where account_id = ${a}) as messages,
             (select count(distinct send_key)::int from public.outbound_messages where account_id = ${a}) as keys`;
    expect(state).toEqual({ sending: 300, messages: 300, keys: 300 });
    console.log(`three sessions claimed ${claimedBy.map((c) => c.length).join(' / ')} touches`);
  });
});
