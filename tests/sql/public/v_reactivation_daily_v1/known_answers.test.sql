-- Reactivation KPIs on the Chicago fixture: Gus (contacted in September, reactivated Dec 1,
-- Interested, booked) and Hal (round 1 by email Nov 20, round 2 by SMS Dec 3, Follow Up).
begin;
select plan(4);

select tests.analytics_fixture() as f \gset
select (:'f'::jsonb ->> 'account_id') as a \gset
select brain.refresh_analytics();

-- TEST: per round and channel; a round counts until the lead's next round.
select results_eq(
  format($$select round, channel, sum(touches_sent)::int, sum(reactivated)::int, sum(replied)::int, sum(positive)::int,
                  sum(meeting)::int, sum(booked)::int
           from public.v_reactivation_daily_v1 where account_id = %L and day between '2026-11-11' and '2026-12-10'
           group by 1, 2 order by 1, 2$$, :'a'),
  $$values (1, 'email', 1, 1, 0, 0, 0, 0), (1, 'sms', 1, 1, 1, 1, 1, 1), (2, 'sms', 1, 1, 1, 1, 0, 0)$$,
  'round 1 email (Hal: nothing before round 2), round 1 SMS (Gus: booked), round 2 SMS (Hal: Follow Up)');

-- TEST: the page's totals and rates.
select results_eq(
  format($$select (r ->> 'reactivated')::int, (r ->> 'replied')::int, (r ->> 'booked')::int,
                  (r ->> 'reply_rate')::numeric, (r ->> 'booking_rate')::numeric
           from json_array_elements(public.analytics_page(%L, '30d', null, null, '2026-12-10 18:00+00') -> 'tables' -> 'reactivation_totals') r$$, :'a'),
  $$values (3, 2, 1, 0.6667, 0.3333)$$,
  '30d: 3 reactivated, 2 replied after, 1 booked after');
select results_eq(
  format($$select (r ->> 'reactivated')::int, (r ->> 'replied')::int
           from json_array_elements(public.analytics_page(%L, '7d', null, null, '2026-12-10 18:00+00') -> 'tables' -> 'reactivation_totals') r$$, :'a'),
  $$values (0, 0)$$,
  '7d (Dec 4 - 10): no reactivation touch');

-- TEST: Gus's September campaign touch is not a reactivation.
select is(
  (select sum(touches_sent)::int from public.v_reactivation_daily_v1 where account_id = :'a'),
  3, 'only the three reactivation touches, whatever the day');

select * from finish();
rollback;
