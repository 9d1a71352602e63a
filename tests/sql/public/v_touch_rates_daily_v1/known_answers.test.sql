-- Reply and booking rates per channel and per step on the Chicago fixture, 30-day window:
-- a reply counts for the last touch sent at or before it, a booking for its attributed touch.
begin;
select plan(6);

select tests.analytics_fixture() as f \gset
select (:'f'::jsonb ->> 'account_id') as a \gset
select brain.refresh_analytics();

-- TEST: per channel. SMS: Ana's step 1 and AI reply, Bob, Cy, Di's sequence step, Flo, Lia,
-- Gus's and Hal's reactivation SMS, Kim (10); replied: Ana x2, Cy, Di, Gus, Hal (6; Lia's
-- auto-reply is none); booked: Ana's step 1, Gus's round. Cy's STOP confirmation and Bob's
-- failed attempt are not touches.
select results_eq(
  format($$select channel, sum(touches_sent)::int, sum(touches_replied)::int, sum(touches_positive)::int, sum(touches_booked)::int
           from public.v_touch_rates_daily_v1 where account_id = %L and day between '2026-11-11' and '2026-12-10'
           group by channel order by channel$$, :'a'),
  $$values ('email', 3, 0, 0, 1), ('sms', 10, 6, 5, 2), ('whatsapp', 1, 1, 1, 0)$$,
  'per channel: sent, replied, positive, booked');

-- TEST: per step.
select results_eq(
  format($$select source, group_name, step, channel, sum(touches_sent)::int, sum(touches_replied)::int,
                  sum(touches_positive)::int, sum(touches_booked)::int
           from public.v_touch_rates_daily_v1 where account_id = %L and day between '2026-11-11' and '2026-12-10'
           group by 1, 2, 3, 4 order by 1, 2, 3 nulls last, 4$$, :'a'),
  $$values ('ai_reply', 'AI replies', null::int, 'sms', 1, 1, 1, 0),
           ('campaign', 'Spring push', 1, 'sms', 6, 2, 1, 1),
           ('campaign', 'Spring push', 2, 'email', 1, 0, 0, 0),
           ('campaign', 'Trucks', 1, 'email', 1, 0, 0, 1),
           ('campaign', 'Trucks', 1, 'whatsapp', 1, 1, 1, 0),
           ('reactivation', 'Reactivation', 1, 'email', 1, 0, 0, 0),
           ('reactivation', 'Reactivation', 1, 'sms', 1, 1, 1, 1),
           ('reactivation', 'Reactivation', 2, 'sms', 1, 1, 1, 0),
           ('sequence', 'Meeting follow-up', 1, 'sms', 1, 1, 1, 0)$$,
  'per source, group, step and channel');

-- TEST: the page's rates are the same sums, as fractions.
select public.analytics_page(:'a', '30d', null, null, '2026-12-10 18:00+00') -> 'tables' as t \gset
select results_eq(
  format($$select r ->> 'channel', (r ->> 'touches_sent')::int, (r ->> 'reply_rate')::numeric, (r ->> 'booking_rate')::numeric
           from json_array_elements(%L::json -> 'rates_channels') r$$, :'t'),
  $$values ('sms', 10, 0.6000, 0.2000), ('email', 3, 0.0000, 0.3333), ('whatsapp', 1, 1.0000, 0.0000)$$,
  'rates_channels: most touches first, reply and booking rate per touch');
select results_eq(
  format($$select (r ->> 'reply_rate')::numeric, (r ->> 'booking_rate')::numeric
           from json_array_elements(%L::json -> 'rates_steps') r
           where r ->> 'group' = 'Spring push' and r ->> 'step' = '1'$$, :'t'),
  $$values (0.3333, 0.1667)$$,
  'Spring push step 1: 2 of 6 replied, 1 of 6 booked');
select is(
  (select r ->> 'step' from json_array_elements(:'t'::json -> 'rates_steps') r where r ->> 'source' = 'ai_reply'),
  null, 'AI replies have no step');

-- TEST: a 7-day window leaves out Lia (Nov 11) and Hal's first round (Nov 20).
select results_eq(
  format($$select (r ->> 'touches_sent')::int from json_array_elements(
             public.analytics_page(%L, '7d', null, null, '2026-12-10 18:00+00') -> 'tables' -> 'rates_channels') r
           where r ->> 'channel' in ('sms', 'email') order by r ->> 'channel'$$, :'a'),
  $$values (2), (6)$$,
  '7d: 2 emails (Ana step 2, Ivy), 6 texts (Ana x2, Bob, Cy, Flo, Kim)');

select * from finish();
rollback;
