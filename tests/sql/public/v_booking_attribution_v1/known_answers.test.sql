-- Booking attribution on the Chicago fixture: the last touch before the lead's first
-- positive reply, else the last touch before the booking, else none.
begin;
select plan(5);

select tests.analytics_fixture() as f \gset
select (:'f'::jsonb ->> 'account_id') as a \gset
select brain.refresh_analytics();

-- TEST: every booking of the 30-day window, by day (Di's cancelled appointment is none).
select results_eq(
  format($$select lead_name, day, status, rule, source, group_name, step, channel
           from public.v_booking_attribution_v1 where account_id = %L and day between '2026-11-11' and '2026-12-10'
           order by day$$, :'a'),
  $$values ('Gus', '2026-12-02'::date, 'completed', 'last_touch_before_first_positive_reply', 'reactivation', 'Reactivation', 1, 'sms'),
           ('Ivy', '2026-12-05'::date, 'booked', 'last_touch_before_booking', 'campaign', 'Trucks', 1, 'email'),
           ('Jo', '2026-12-06'::date, 'booked', 'none', null, null, null, null),
           ('Ana One', '2026-12-07'::date, 'booked', 'last_touch_before_first_positive_reply', 'campaign', 'Spring push', 1, 'sms')$$,
  'four bookings and where each came from');

-- TEST: Ana's booking goes to the step-1 text her first positive reply answered, not to the
-- AI reply or step 2 that came later.
select is((select touch_run_id from public.v_booking_attribution_v1 where appointment_id = (:'f'::jsonb ->> 'ana_booking')::uuid),
  (:'f'::jsonb ->> 'ana_t1')::uuid, 'Ana: the touch before her first positive reply');
select is((select first_positive_reply_at from public.v_booking_attribution_v1 where appointment_id = (:'f'::jsonb ->> 'ana_booking')::uuid),
  tests.chi('2026-12-05 11:00'), 'Ana: her first positive reply (Interested, 11:00)');
select is((select touch_run_id from public.v_booking_attribution_v1 where appointment_id = (:'f'::jsonb ->> 'gus_booking')::uuid),
  (:'f'::jsonb ->> 'gus_reactivation')::uuid, 'Gus: the reactivation round, not his September campaign touch');

-- TEST: the page's summary by source.
select results_eq(
  format($$select r ->> 'source', r ->> 'group', (r ->> 'bookings')::int, (r ->> 'share')::numeric
           from json_array_elements(public.analytics_page(%L, '30d', null, null, '2026-12-10 18:00+00') -> 'tables' -> 'attribution_sources') r$$, :'a'),
  $$values ('campaign', 'Spring push', 1, 0.2500), ('campaign', 'Trucks', 1, 0.2500),
           ('none', 'No touch before the booking', 1, 0.2500), ('reactivation', 'Reactivation', 1, 0.2500)$$,
  'attribution_sources: one booking each');

select * from finish();
rollback;
