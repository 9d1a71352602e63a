-- canceled: appointment_canceled, after which the booking is no longer a stop event.
begin;
select plan(4);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', 'touched') as l \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 1 as n, public.ingest_booking(:'a', 'inv-1:created', 'booked', 'ana@example.com', null, null, null, :'now'::timestamptz + interval '3 days', null, :'now') as r;
insert into res select 2, public.ingest_booking(:'a', 'inv-1:canceled', 'canceled', 'ana@example.com', null, null, null,
                                                :'now'::timestamptz + interval '3 days', null, :'now'::timestamptz + interval '1 hour');
reset role;

-- TEST: canceled.
select is((select r - 'account_id' from res where n = 2),
  jsonb_build_object('outcome', 'recorded', 'lead_id', :'l', 'matched_by', 'email', 'event', 'canceled'), 'recorded: canceled');
select results_eq(
  format($$select score_delta, created_at from public.core_memory_events where lead_id = %L and event_type = 'appointment_canceled'$$, :'l'),
  format($$values (-5, %L::timestamptz)$$, :'now'::timestamptz + interval '1 hour'), 'one appointment_canceled event');
select is((select stop_event from public.lead_suppression_status_v1 where lead_id = :'l'), null,
  'lead_suppression_status_v1: no stop event any more');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'appointment_booked'), 1,
  'the booking stays in memory');

select * from finish();
rollback;
