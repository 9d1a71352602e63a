/**
 * Analytics benchmark (issue 18). Builds one account with BENCH_ANALYTICS_LEADS
 * leads (default 1,000,000) over 90 days: five campaign touches per lead (one a
 * failed attempt), replies from one lead in five (tagged Interested, Meeting
 * Requested, Follow Up, Not Interested, Out of Office or untagged),
 * appointments for one in fifty, a two-step sequence for one in fifty and a
 * reactivation round for one in twenty; then counts them all into the rollup
 * (brain.refresh_analytics, timed) and measures, as revenue_api under row-level
 * security, one account's 30-day window:
 *   - the funnel query (v_funnel_daily_v1 summed per group over the window's
 *     days), p95 over BENCH_ANALYTICS_RUNS runs, target under 200 ms;
 *   - the whole Analytics page read (public.analytics_page, via api/domain);
 *   - against a plain count(*) of the same rows: the account's touch_runs in the
 *     window (index on account_id, created_at), measured in the same run.
 * Also: the cost of recounting changed leads (brain.refresh_analytics per lead)
 * and, once, the funnel computed live from the source tables without the rollup.
 *
 *   node --import tsx bench/analytics.ts        (or: make bench)
 *   BENCH_KEEP=1 keeps the database; BENCH_REUSE=1 measures a kept one again;
 *   BENCH_DB_NAME names it (default revenue_os_bench_analytics).
 */
import { connect, withDatabase, withTenant, type Sql, type TransactionSql } from '../db/client.ts';
import { setLogLevel } from '../lib/log.ts';
import { loadAnalytics } from '../api/domain/analytics.ts';
import { dropDatabase, freshDatabase, heading, line, ms, record, serverUrl, timeEach, timeOnce } from './lib.ts';

const LEADS = Number(process.env.BENCH_ANALYTICS_LEADS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_ANALYTICS_RUNS ?? 200);
const DB = process.env.BENCH_DB_NAME || 'revenue_os_bench_analytics';
const CHUNK = 50_000;

async function main(): Promise<void> {
  setLogLevel('warn');
  heading(`Analytics benchmark: ${LEADS.toLocaleString('en-US')} leads over 90 days in one account`);
  const reuse = process.env.BENCH_REUSE === '1';
  const sql = reuse ? connect(withDatabase(serverUrl(), DB), { max: 4 }) : (await freshDatabase(DB)).sql;
  try {
    if (!reuse) {
      const generated = await timeOnce(() => generate(sql));
      line('data generated (not a measurement)', ms(generated));
      // Every lead is marked, as the migration marks an existing database's leads.
      await sql`insert into public.analytics_dirty_leads (account_id, lead_id) select account_id, id from public.leads`;
      let counted = 0;
      const built = await timeOnce(async () => {
        for (;;) {
          const [r] = await sql<{ n: number }[]>`select brain.refresh_analytics(${CHUNK}) as n`;
          if (!r!.n) break;
          counted += r!.n;
        }
      });
      line(`rollup built from scratch (${counted.toLocaleString('en-US')} leads)`, `${ms(built)} · ${((built / counted) * 1000).toFixed(0)} µs a lead`);
      record({ bench: 'analytics', metric: `rollup built from scratch, ${LEADS} leads`, unit: 'ms', figure: built, baseline: null, target: null });
      await sql`vacuum analyze public.analytics_touch_facts`;
      await sql`vacuum analyze public.analytics_booking_facts`;
      await sql`vacuum analyze public.analytics_daily`;
      await sql`vacuum analyze public.analytics_dirty_leads`;
    }

    const [acct] = await sql<{ id: string }[]>`select id from public.accounts where slug = 'bench'`;
    const accountId = acct!.id;
    const [w] = await sql<{ from_day: string; to_day: string; from_at: Date; to_at: Date }[]>`
      select from_day::text, to_day::text, from_at, to_at from public.analytics_window(${accountId}, '30d')`;
    const win = w!;
    const tenant = <T>(fn: (tx: TransactionSql) => Promise<T>) => withTenant(sql, accountId, fn);

    const [size] = await tenant((tx) => tx<{ touches: number; rollup: number }[]>`
      select (select count(*)::int from public.touch_runs where account_id = ${accountId}
              and created_at >= ${win.from_at} and created_at < ${win.to_at}) as touches,
             (select count(*)::int from public.analytics_daily where account_id = ${accountId}
              and day between ${win.from_day}::date and ${win.to_day}::date) as rollup`);
    line(`30-day window ${win.from_day} … ${win.to_day}`, `${size!.touches.toLocaleString('en-US')} touch_runs, ${size!.rollup.toLocaleString('en-US')} rollup rows`);

    const baseline = () => tenant((tx) => tx`
      select count(*) from public.touch_runs
      where account_id = ${accountId} and created_at >= ${win.from_at} and created_at < ${win.to_at}`);
    const funnel = () => tenant((tx) => tx`
      select group_kind, campaign_id, sequence_id, group_name, sum(contacted) as contacted, sum(replied) as replied,
             sum(positive) as positive, sum(meeting) as meeting, sum(booked) as booked
      from public.v_funnel_daily_v1
      where account_id = ${accountId} and day between ${win.from_day}::date and ${win.to_day}::date
      group by group_kind, campaign_id, sequence_id, group_name`);
    const page = () => tenant((tx) => loadAnalytics(tx, accountId, { window: '30d' }));
    // Warm both paths so neither pays for cold caches alone.
    for (let i = 0; i < 3; i++) {
      await baseline();
      await funnel();
      await page();
    }

    heading(`one account's 30-day window, p50 / p95 / p99 over ${RUNS} runs, as revenue_api under RLS`);
    const runs = [...Array(RUNS).keys()];
    const base = await timeEach(runs, baseline);
    const fun = await timeEach(runs, funnel);
    const whole = await timeEach(runs.slice(0, Math.max(20, RUNS / 4)), page);
    line("baseline: count(*) of the window's touch_runs", `${ms(base.p50)} / ${ms(base.p95)} / ${ms(base.p99)}`);
    line('funnel per group (v_funnel_daily_v1)', `${ms(fun.p50)} / ${ms(fun.p95)} / ${ms(fun.p99)}`);
    line('the whole Analytics page (public.analytics_page)', `${ms(whole.p50)} / ${ms(whole.p95)} / ${ms(whole.p99)}`);
    line('funnel p95 ÷ count(*) p95', `${(fun.p95 / base.p95).toFixed(3)}`);
    line('target: funnel p95 under 200 ms', fun.p95 < 200 ? `met (${ms(fun.p95)})` : `NOT met (${ms(fun.p95)})`);
    record({
      bench: 'analytics', metric: `funnel 30d p95 ÷ count(*) of the window's touches, ${LEADS} leads`, unit: 'ms',
      figure: fun.p95, baseline: base.p95, target: { of: 'figure', op: '<', value: 200 },
    });
    record({
      bench: 'analytics', metric: `whole Analytics page 30d p95 ÷ count(*) of the window's touches, ${LEADS} leads`, unit: 'ms',
      figure: whole.p95, baseline: base.p95, target: null,
    });

    heading('keeping the rollup current');
    const sample = (await sql<{ id: string }[]>`select id from public.leads order by random() limit 2000`).map((r) => r.id);
    await sql`insert into public.analytics_dirty_leads (account_id, lead_id) select ${accountId}, unnest(${sample}::uuid[])`;
    const recount = await timeOnce(() => sql`select brain.refresh_analytics(${CHUNK})`);
    line(`recount of ${sample.length} changed leads (brain.refresh_analytics)`, `${ms(recount)} · ${((recount / sample.length) * 1000).toFixed(0)} µs a lead`);
    record({ bench: 'analytics', metric: 'recount one changed lead (refresh, 2000 at once)', unit: 'ms', figure: recount / sample.length, baseline: null, target: null });

    heading('the same funnel computed live from the source tables, without the rollup (once)');
    const live = await timeOnce(() => sql`
      with touched as (
        select distinct lead_id from public.touch_runs
        where account_id = ${accountId} and created_at >= ${win.from_at} and created_at < ${win.to_at}
      )
      select source, campaign_id, sequence_id, count(*) filter (where unit_stage >= 1), count(*) filter (where unit_stage >= 5)
      from brain.analytics_touch_facts(${accountId}, array(select lead_id from touched))
      where day between ${win.from_day}::date and ${win.to_day}::date
      group by 1, 2, 3`);
    line("live funnel of the window's leads", `${ms(live)} (${(live / fun.p95).toFixed(0)}x the rollup's p95)`);
    record({ bench: 'analytics', metric: 'live funnel without the rollup ÷ rollup funnel p95', unit: 'ms', figure: live, baseline: fun.p95, target: null });

    heading('EXPLAIN (ANALYZE, BUFFERS) of the funnel query');
    const plan = await tenant((tx) => tx.unsafe(
      `explain (analyze, buffers, costs off) select group_kind, campaign_id, sequence_id, group_name, sum(contacted), sum(booked)
       from public.v_funnel_daily_v1 where account_id = '${accountId}' and day between '${win.from_day}' and '${win.to_day}'
       group by 1, 2, 3, 4`,
    ));
    for (const row of plan as unknown as Record<string, string>[]) process.stdout.write(`  ${Object.values(row)[0]}\n`);
  } finally {
    await sql.end();
    if (process.env.BENCH_KEEP !== '1' && !reuse) await dropDatabase(DB);
  }
}

/** Synthetic data with generate_series; triggers and foreign keys are skipped while loading. */
async function generate(sql: Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`set local synchronous_commit = off`;
    const [row] = await tx<{ id: string }[]>`insert into public.accounts (name, slug) values ('Bench Motors', 'bench') returning id`;
    const account = row!.id;
    await tx`insert into public.org_settings (account_id, timezone) values (${account}, 'America/Chicago')`;
    await tx`insert into public.campaigns (id, account_id, campaign_key, name, is_active)
             select md5('campaign' || k)::uuid, ${account}, 'bench_' || k, 'Bench ' || k, true from generate_series(0, 9) k`;
    await tx`insert into public.sequences (id, account_id, name, trigger_on, is_active)
             values (md5('sequence')::uuid, ${account}, 'Meeting follow-up', 'meeting_requested', true)`;
    await tx`
      insert into public.leads (id, account_id, first_name, last_name, phone, email, lead_state, source, external_id, created_at, first_seen_at)
      select md5('lead' || i)::uuid, ${account}, (array['Ana', 'Luis', 'Maria', 'John', 'Carla'])[1 + i % 5], 'Lead' || i,
             '+1312' || lpad((i % 10000000)::text, 7, '0'), 'lead' || i || '@example.com',
             case when i % 5 = 0 then 'responded' else 'touched' end, 'bench', 'b' || i,
             now() - make_interval(days => i % 90 + 5), now() - make_interval(days => i % 90 + 5)
      from generate_series(1, ${LEADS}) i`;
    // Five campaign touches a lead, a day apart, the last one (i % 90) days ago; the second failed.
    await tx`
      insert into public.touch_runs (id, account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at,
                                     payload, sent_at, created_at)
      select md5('touch' || i || ':' || k)::uuid, ${account}, md5('lead' || i)::uuid, md5('campaign' || (i % 10))::uuid,
             (array[1, 1, 2, 3, 4])[k], (array['sms', 'sms', 'voice', 'whatsapp', 'email'])[k], case when k = 2 then 2 else 1 end,
             case when k = 2 then 'failed' else 'sent' end, t, '{"message_class": "cold_outreach"}'::jsonb,
             case when k = 2 then null else t end, t
      from generate_series(1, ${LEADS}) i cross join generate_series(1, 5) k
      cross join lateral (select now() - make_interval(days => i % 90 + 5 - k, hours => i % 7) as t) x`;
    // One lead in five replies two hours after its first touch.
    await tx`
      insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, body,
                                           classification, received_at, sentiment_tag, sentiment_source, sentiment_reason, classified_at)
      select ${account}, md5('lead' || i)::uuid, 'sms', 'twilio', 'SMb' || i, '+1312' || lpad((i % 10000000)::text, 7, '0'), 'a reply',
             case when (i / 5) % 10 = 9 then 'positive' else 'neutral' end, r, tag,
             case when tag is not null then 'rules' end, case when tag is not null then 'bench' end, case when tag is not null then r end
      from generate_series(5, ${LEADS}, 5) i
      cross join lateral (select now() - make_interval(days => i % 90 + 4, hours => i % 7 - 2) as r,
                                 (array['Interested', 'Interested', 'Interested', 'Meeting Requested', 'Follow Up', 'Not Interested',
                                        'Not Interested', 'Out of Office', null, null])[1 + (i / 5) % 10] as tag) x`;
    // One lead in fifty booked the day after its reply (a quarter each booked, completed, no-show, cancelled).
    await tx`
      insert into public.appointments (account_id, lead_id, status, start_at, end_at, time_zone, provider, source, canceled_at, no_show_at, created_at)
      select ${account}, md5('lead' || i)::uuid, st, b + interval '2 days', b + interval '2 days 30 minutes', 'America/Chicago',
             'webhook', 'webhook', case when st = 'canceled' then b + interval '1 hour' end,
             case when st = 'no_show' then b + interval '2 days 1 hour' end, b
      from generate_series(50, ${LEADS}, 50) i
      cross join lateral (select now() - make_interval(days => i % 90 + 3, hours => i % 7) as b,
                                 (array['booked', 'completed', 'no_show', 'canceled'])[1 + (i / 50) % 4] as st) x`;
    // One lead in fifty is in the meeting-requested sequence: two steps by SMS.
    await tx`
      insert into public.sequence_enrollments (id, account_id, lead_id, sequence_id, status, current_step, trigger, started_by,
                                               anchor_at, started_at, ended_at, ended_reason)
      select md5('enrollment' || i)::uuid, ${account}, md5('lead' || i)::uuid, md5('sequence')::uuid, 'completed', 3,
             'meeting_requested', 'system:meeting_requested', a, a, a + interval '2 days', 'completed'
      from generate_series(10, ${LEADS}, 50) i
      cross join lateral (select now() - make_interval(days => i % 90 + 4) as a) x`;
    await tx`
      insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, payload, sent_at,
                                     created_at, sequence_enrollment_id, sequence_step)
      select ${account}, md5('lead' || i)::uuid, null, s, 'sms', 1, 'sent', t, '{"message_class": "follow_up"}'::jsonb, t, t,
             md5('enrollment' || i)::uuid, s
      from generate_series(10, ${LEADS}, 50) i cross join generate_series(1, 2) s
      cross join lateral (select now() - make_interval(days => i % 90 + 4 - s) as t) x`;
    // One lead in twenty gets a reactivation round.
    await tx`
      insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, payload, sent_at, created_at)
      select ${account}, md5('lead' || i)::uuid, null, 1, 'sms', 1, 'sent', t,
             '{"message_class": "reactivation", "meta": {"source": "brain_full_auto_reactivation"}}'::jsonb, t, t
      from generate_series(3, ${LEADS}, 20) i
      cross join lateral (select now() - make_interval(days => i % 60, hours => 3) as t) x`;
  });
  for (const t of ['leads', 'touch_runs', 'inbound_messages', 'appointments', 'sequence_enrollments']) {
    await sql.unsafe(`vacuum analyze public.${t}`);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
