-- Every required argument left null is refused with SQLSTATE 22023 before
-- anything is written: event id, event, and the invitee (email and phone both
-- null). A null account is the webhook's unknown slug: outcome unknown_account.
begin;
select plan(5);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset

select tests.act_as('revenue_worker', null);
-- TEST: refused.
select is(public.ingest_booking(null, 'inv-1', 'booked', 'ana@example.com', null, 'Ana', null, :'now', null) ->> 'outcome',
  'unknown_account', 'a null account is an unknown account');
select throws_ok(format($$select public.ingest_booking(%L, null, 'booked', 'ana@example.com', null, 'Ana', null, %L, null)$$, :'a', :'now'),
  '22023', null, 'a null event id is refused with 22023');
select throws_ok(format($$select public.ingest_booking(%L, 'inv-1', null, 'ana@example.com', null, 'Ana', null, %L, null)$$, :'a', :'now'),
  '22023', null, 'a null event is refused with 22023');
select throws_ok(format($$select public.ingest_booking(%L, 'inv-1', 'booked', null, null, 'Ana', null, %L, null)$$, :'a', :'now'),
  '22023', null, 'neither an email nor a phone: refused with 22023');
reset role;

-- TEST: nothing written.
select is((select count(*)::int from public.webhook_receipts) + (select count(*)::int from public.leads)
          + (select count(*)::int from public.core_memory_events), 0, 'no receipt, lead or event');

select * from finish();
rollback;
