-- booked: appointment_booked, outreach halted (enrollments stopped, pending
-- touches canceled, timers cancelled) and the lead appointment_booked (issue 18: a meeting on the calendar, no longer closed).
begin;
select plan(8);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', 'touched') as l \gset
select tests.create_campaign(:'a') as c \gset
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz + interval '1 day');
select tests.create_touch(:'a', :'l', :'c', 2, 'sms', 1, :'now'::timestamptz + interval '1 day') as t_next \gset
insert into public.lead_timers (account_id, lead_id, timer_type, trigger_at)
select :'a', :'l', x, :'now'::timestamptz + interval '5 days' from unnest(array['TIMER_7D', 'TIMER_14D', 'TIMER_30D']) x;

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select public.ingest_booking(:'a', 'inv-1', 'booked', 'Ana@Example.com', null, 'Ana', 'Perez',
                             :'now'::timestamptz + interval '3 days', 'https://cal.example/inv-1', :'now') as r;
reset role;

-- TEST: the result.
select is((select r from res),
  jsonb_build_object('outcome', 'recorded', 'account_id', :'a', 'lead_id', :'l', 'matched_by', 'email', 'event', 'booked',
                     'touches_canceled', 1, 'timers_cancelled', 3, 'enrollments_stopped', 1),
  'recorded: matched by email; 1 touch, 3 timers, 1 enrollment');

-- TEST: the event.
select results_eq(
  format($$select score_delta, direction, (payload->>'start_at')::timestamptz, payload->>'booking_uri', created_at, dedupe_key
           from public.core_memory_events where lead_id = %L and event_type = 'appointment_booked'$$, :'l'),
  format($$values (20, 'inbound'::text, %L::timestamptz, 'https://cal.example/inv-1'::text, %L::timestamptz, 'booking:inv-1'::text)$$,
         :'now'::timestamptz + interval '3 days', :'now'),
  'one appointment_booked event with the start time and the booking link');
select is((select stop_event from public.lead_suppression_status_v1 where lead_id = :'l'), 'appointment_booked',
  'lead_suppression_status_v1: stop_event appointment_booked');

-- TEST: outreach halted.
select results_eq(format($$select status, stop_reason from public.campaign_leads where lead_id = %L$$, :'l'),
  $$values ('stopped'::text, 'appointment_booked'::text)$$, 'the enrollment is stopped');
select results_eq(format($$select status, error_code from public.touch_runs where id = %L$$, :'t_next'),
  $$values ('canceled'::text, 'appointment_booked'::text)$$, 'the pending touch is canceled');
select is((select count(*)::int from public.lead_timers where lead_id = :'l' and cancelled_at = :'now'), 3, 'the timers are cancelled');

-- TEST: appointment_booked (issue 18; closed before).
select is((select lead_state from public.leads where id = :'l'), 'appointment_booked', 'the lead is appointment_booked');
select is((select reason from public.lead_events where lead_id = :'l' and new_state = 'appointment_booked'), 'appointment_booked',
  'reason appointment_booked');

select * from finish();
rollback;
