-- brain.refresh_analytics follows every change the analytics count (a reply, a new tag, a
-- touch that failed after all, a merge moving a touch, a deleted appointment, a new time
-- zone): until it runs the views keep the old numbers and the page says leads are waiting;
-- after it, the rollup equals what the definitions compute from the source tables.
begin;
select plan(25);

select tests.analytics_fixture() as f \gset
select (:'f'::jsonb ->> 'account_id') as a \gset

-- The rollup and facts against the definitions, computed afresh for every lead.
create function pg_temp.drift(p_account uuid) returns bigint language sql as $$
  with live as (
    select * from brain.analytics_touch_facts(p_account, array(select l.id from public.leads l where l.account_id = p_account))
  ), agg as (
    select day, source, campaign_id, sequence_id, step, channel::text, is_reactivation,
           count(*)::int, count(*) filter (where replied)::int, count(*) filter (where positive)::int, sum(booked)::int,
           count(*) filter (where unit_stage >= 1)::int, count(*) filter (where unit_stage >= 2)::int,
           count(*) filter (where unit_stage >= 3)::int, count(*) filter (where unit_stage >= 4)::int,
           count(*) filter (where unit_stage >= 5)::int, count(*) filter (where lead_stage >= 1)::int,
           count(*) filter (where lead_stage >= 2)::int, count(*) filter (where lead_stage >= 3)::int,
           count(*) filter (where lead_stage >= 4)::int, count(*) filter (where lead_stage >= 5)::int
    from live group by 1, 2, 3, 4, 5, 6, 7
  ), stored as (
    select day, source, campaign_id, sequence_id, step, channel::text, is_reactivation, touches_sent, touches_replied,
           touches_positive, touches_booked, units_contacted, units_replied, units_positive, units_meeting, units_booked,
           leads_contacted, leads_replied, leads_positive, leads_meeting, leads_booked
    from public.analytics_daily where account_id = p_account
  ), live_bookings as (
    select * from brain.analytics_booking_facts(p_account, array(select l.id from public.leads l where l.account_id = p_account))
  ), stored_bookings as (
    select account_id, appointment_id, lead_id, booked_at, day, status, start_at, first_positive_reply_at, rule, touch_run_id,
           touch_sent_at, source, campaign_id, sequence_id, step, channel::text, is_reactivation
    from public.analytics_booking_facts where account_id = p_account
  )
  select (select count(*) from ((select * from agg except all select * from stored) union all (select * from stored except all select * from agg)) d)
       + (select count(*) from ((select * from live_bookings except all select * from stored_bookings)
                                union all (select * from stored_bookings except all select * from live_bookings)) d)
$$;
create function pg_temp.spring(p_account uuid) returns text language sql as $$
  select format('%s/%s/%s/%s/%s', coalesce(sum(contacted), 0), coalesce(sum(replied), 0), coalesce(sum(positive), 0),
                coalesce(sum(meeting), 0), coalesce(sum(booked), 0))
  from public.v_funnel_daily_v1 where account_id = p_account and group_name = 'Spring push' and day between '2026-11-11' and '2026-12-10'
$$;

-- TEST: before the first refresh nothing is counted; every lead with something to count waits.
select is(pg_temp.spring(:'a'), '0/0/0/0/0', 'nothing counted before the first refresh');
select is((select count(distinct lead_id)::int from public.analytics_dirty_leads where account_id = :'a'), 12,
  'the twelve leads with touches or appointments are marked');
select is(brain.refresh_analytics(), 12, 'the refresh counts twelve leads');
select is(pg_temp.spring(:'a'), '6/2/1/1/1', 'Spring push after the refresh');
select is(pg_temp.drift(:'a'), 0::bigint, 'the rollup equals the definitions');
select is(brain.refresh_analytics(), 0, 'a second refresh has nothing to do');

-- TEST: Kim answers Interested: waiting until the refresh, then replied and positive.
select tests.analytics_reply(:'a', (:'f'::jsonb ->> 'kim')::uuid, tests.chi('2026-12-06 18:00'), 'Interested');
select is(pg_temp.spring(:'a'), '6/2/1/1/1', 'the view keeps its numbers until the refresh');
select is((public.analytics_page(:'a', '30d', null, null, '2026-12-10 18:00+00') ->> 'pending_leads')::int, 1,
  'the page says one lead is waiting');
select is(brain.refresh_analytics(), 1, 'one lead recounted');
select is(pg_temp.spring(:'a'), '6/3/2/1/1', 'Kim replied, positively');

-- TEST: Cy's reply is re-tagged Interested (the AI's second look).
update public.inbound_messages set sentiment_tag = 'Interested' where id = (:'f'::jsonb ->> 'cy_reply')::uuid;
select brain.refresh_analytics();
select is(pg_temp.spring(:'a'), '6/3/3/1/1', 'Cy is positive now');

-- TEST: Bob's text turns out undelivered: he was never contacted.
update public.touch_runs set status = 'failed' where lead_id = (:'f'::jsonb ->> 'bob')::uuid and status = 'sent';
select brain.refresh_analytics();
select is(pg_temp.spring(:'a'), '5/3/3/1/1', 'Bob is gone from the funnel');
select is(pg_temp.drift(:'a'), 0::bigint, 'the rollup equals the definitions');

-- TEST: a merge moves Flo's touch to Kim: both leads are recounted.
update public.touch_runs set lead_id = (:'f'::jsonb ->> 'kim')::uuid, attempt = 2 where lead_id = (:'f'::jsonb ->> 'flo')::uuid;
select is((select count(distinct lead_id)::int from public.analytics_dirty_leads where account_id = :'a'), 2, 'Flo and Kim are marked');
select brain.refresh_analytics();
select is(pg_temp.spring(:'a'), '4/3/3/1/1', 'Kim counts once (her first Spring touch), Flo not at all');
select is(pg_temp.drift(:'a'), 0::bigint, 'the rollup equals the definitions');

-- TEST: a merge whose receiving lead is recounted first, alone: Ana's step-2 email moves to Bob.
update public.touch_runs set lead_id = (:'f'::jsonb ->> 'bob')::uuid where id = (:'f'::jsonb ->> 'ana_t2')::uuid;
select brain.refresh_analytics_leads(:'a', array[(:'f'::jsonb ->> 'bob')::uuid]);
select is(pg_temp.drift(:'a'), 0::bigint, 'after Bob''s recount alone the touch is counted once, under Bob');
select brain.refresh_analytics_leads(:'a', array[(:'f'::jsonb ->> 'ana')::uuid]);
select is(pg_temp.drift(:'a'), 0::bigint, 'and after Ana''s');
delete from public.analytics_dirty_leads where account_id = :'a';

-- TEST: Ivy's appointment is deleted: her booking is gone.
delete from public.appointments where id = (:'f'::jsonb ->> 'ivy_booking')::uuid;
select brain.refresh_analytics();
select is((select count(*)::int from public.v_booking_attribution_v1 where account_id = :'a'), 3, 'three bookings left');
select is((select sum(touches_booked)::int from public.v_touch_rates_daily_v1 where account_id = :'a'), 2,
  'two bookings attributed to touches (Jo''s has none)');

-- TEST: a new time zone moves the days: Kim's 23:30 text of Dec 9 in Chicago is Dec 10 in Tokyo.
update public.org_settings set timezone = 'Asia/Tokyo' where account_id = :'a';
select ok((select count(distinct lead_id) from public.analytics_dirty_leads where account_id = :'a') >= 10,
  'every counted lead is marked');
select brain.refresh_analytics();
select is((select max(day) from public.v_touch_rates_daily_v1 where account_id = :'a' and group_name = 'Spring push'),
  '2026-12-10'::date, 'the latest Spring push touch is on Dec 10 in Tokyo');
select is((select sum(contacted)::int from public.v_funnel_daily_v1 where account_id = :'a' and group_name = 'Spring push' and day = '2026-11-11'),
  2, 'Nov 11 in Tokyo holds Ed (23:30 on Nov 10 in Chicago) and Lia');
select is(pg_temp.drift(:'a'), 0::bigint, 'the rollup equals the definitions');
select is((select count(*)::int from public.analytics_daily where account_id = :'a' and touches_sent = 0), 0,
  'no empty rollup rows are left behind');

select * from finish();
rollback;
