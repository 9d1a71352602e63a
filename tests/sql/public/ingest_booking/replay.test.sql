-- A replayed booking is a duplicate with no effect.
begin;
select plan(4);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', 'touched') as l \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 1 as n, public.ingest_booking(:'a', 'inv-9', 'booked', 'ana@example.com', null, null, null, :'now'::timestamptz + interval '1 day', null, :'now') as r;
insert into res select 2, public.ingest_booking(:'a', 'inv-9', 'booked', 'ana@example.com', null, null, null, :'now'::timestamptz + interval '1 day', null, :'now');
reset role;

-- TEST: replay.
select is((select r from res where n = 2), jsonb_build_object('outcome', 'duplicate', 'account_id', :'a'), 'the replay is a duplicate');
select is((select count(*)::int from public.core_memory_events where event_type = 'appointment_booked'), 1, 'one appointment_booked');
select results_eq($$select provider, idempotency_key from public.webhook_receipts$$, $$values ('booking'::text, 'inv-9'::text)$$,
  'one receipt: booking/inv-9');
select is((select count(*)::int from public.lead_events where lead_id = :'l' and event_type = 'lead_matched'), 1,
  'the invitee was matched once');

select * from finish();
rollback;
