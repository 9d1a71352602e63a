-- A booking for an account that does not exist: unknown_account, nothing written.
-- A bad event is refused.
begin;
select plan(3);

select tests.act_as('revenue_worker', null);
select is(public.ingest_booking(gen_random_uuid(), 'inv-1', 'booked', 'ana@example.com', null, null, null, null, null),
  '{"outcome": "unknown_account"}'::jsonb, 'unknown_account');
select throws_ok($$select public.ingest_booking(gen_random_uuid(), 'inv-1', 'rescheduled', null, null, null, null, null, null)$$,
  '22023', 'invalid_argument', 'event rescheduled is refused');
reset role;

-- TEST: nothing written.
select is((select count(*)::int from public.webhook_receipts) + (select count(*)::int from public.leads), 0, 'nothing written');

select * from finish();
rollback;
