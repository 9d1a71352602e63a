/**
 * The enrichment hold against an enrichment finishing at the same moment (issue 19), in two
 * real sessions. The claim decides from the lead as its statement saw it (still pending);
 * the enrichment worker's update (done) commits while the claim is deciding, and its release
 * trigger found nothing marked yet. Without care the claim would then write the hold and the
 * touch would wait the whole 10 minutes for an enrichment already finished. The claim locks
 * and reads the held leads again before marking them, so the touch is due at once instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../db/client.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

let db: TestDatabase;
let enricher: Sql;
let claimer: Sql;

beforeAll(async () => {
  db = await cloneTemplate('enrichment_hold_race');
  enricher = connect(db.url, { max: 1, applicationName: 'hold-race-enricher', role: 'revenue_worker' });
  claimer = connect(db.url, { max: 1, applicationName: 'hold-race-claimer', role: 'revenue_worker' });
});

afterAll(async () => {
  await enricher?.end({ timeout: 5 });
  await claimer?.end({ timeout: 5 });
  await db?.drop();
});

async function pendingLeadWithTouch(): Promise<{ lead: string; touch: string }> {
  const { sql } = db;
  const [zone] = await sql<{ tz: string }[]>`
    select tz from unnest(array['America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'Europe/London',
                                'Europe/Berlin', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney',
                                'Pacific/Auckland', 'America/Sao_Paulo']) tz
    where extract(hour from now() at time zone tz) between 9 and 17 limit 1`;
  const [a] = await sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('Race', 'race') returning id`;
  await sql`update public.org_settings set timezone = ${zone!.tz} where account_id = ${a!.id}`;
  await sql`insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
            values (${a!.id}, 'sms', 'sink', true, ${sql.json({ senders: [{ address: '+13055552001' }], max_per_second: 100 })})`;
  // A new lead: pending enrichment from its insert on (sql/1400).
  const [l] = await sql<{ id: string; status: string }[]>`
    insert into public.leads (account_id, first_name, phone, timezone, source)
    values (${a!.id}, 'Rita', '+17865550101', ${zone!.tz}, 'manual') returning id, enrichment_status as status`;
  expect(l!.status).toBe('pending');
  const [t] = await sql<{ id: string }[]>`
    insert into public.touch_runs (account_id, lead_id, step, channel, attempt, status, scheduled_at, payload)
    values (${a!.id}, ${l!.id}, 99, 'sms', 1, 'queued', now() - interval '1 second', '{"delivery": {"body": "Hi"}}')
    returning id`;
  return { lead: l!.id, touch: t!.id };
}

describe('the enrichment hold and an enrichment finishing meanwhile', () => {
  it('does not hold a touch for an enrichment that committed while the claim was deciding', async () => {
    const { lead, touch } = await pendingLeadWithTouch();
    let commit!: () => void;
    const gate = new Promise<void>((r) => (commit = r));
    let updated!: () => void;
    const done = new Promise<void>((r) => (updated = r));
    // The enrichment worker records the lead done, and holds its transaction open.
    const enrichment = enricher.begin(async (tx) => {
      await tx`update public.leads set enrichment_status = 'done', enrichment_finished_at = now(),
                 phone_status = 'valid', phone_line_type = 'mobile', phone_line_type_source = 'libphonenumber', phone_checked_at = now()
               where id = ${lead}`;
      updated();
      await gate;
    });
    await done;
    // The claim starts while the lead still reads pending to everyone else…
    const claim = claimer.begin((tx) => tx<{ claim: { outcome: string; reason?: string } }[]>`
      select brain.claim_touch(${touch}::uuid, 'hold-race') as claim`);
    // …and the enrichment commits while the claim is under way.
    await new Promise((r) => setTimeout(r, 300));
    commit();
    await enrichment;
    const [row] = await claim;
    expect(row!.claim).toMatchObject({ outcome: 'rescheduled', reason: 'enrichment_finished' });
    const [t] = await db.sql<{ held_for: string | null; due: boolean; status: string }[]>`
      select held_for, scheduled_at <= now() as due, status from public.touch_runs where id = ${touch}`;
    expect(t).toEqual({ held_for: null, due: true, status: 'scheduled' });

    // The next claim sends it: the lead is enriched now.
    const [again] = await claimer<{ claim: { outcome: string } }[]>`select brain.claim_touch(${touch}::uuid, 'hold-race') as claim`;
    expect(again!.claim.outcome).toBe('claimed');
  });
});
