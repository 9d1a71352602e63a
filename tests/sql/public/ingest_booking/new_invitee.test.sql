-- An invitee nobody knows becomes a lead (source booking), appointment_booked by the booking.
begin;
select plan(2);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select public.ingest_booking(:'a', 'inv-9', 'booked', 'New@Example.com', '+13055550109', 'Nina', 'Lopez', :'now'::timestamptz + interval '1 day', null, :'now') as r;
reset role;

-- TEST: a new lead.
select is((select r->>'matched_by' from res), 'created', 'matched_by created');
select results_eq(
  $$select l.account_id, l.source, l.email::text, l.phone::text, l.first_name, l.last_name, l.lead_state from public.leads l join res on (res.r->>'lead_id')::uuid = l.id$$,
  format($$values (%L::uuid, 'booking'::text, 'new@example.com'::text, '+13055550109'::text, 'Nina'::text, 'Lopez'::text, 'appointment_booked'::text)$$, :'a'),
  'the invitee is a new lead of the account (source booking, names, lower-cased email), appointment_booked');

select * from finish();
rollback;
