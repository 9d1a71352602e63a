-- Every required argument left null is refused with SQLSTATE 22023 (invalid
-- argument) before anything is written.
begin;
select plan(6);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');

select tests.act_as('revenue_worker', null);
-- TEST: refused.
select throws_ok($$select public.ingest_inbound_message(null, 'SM-1', 'sms', '+13055550101', '+13055550900', 'hi')$$,
  '22023', null, 'a null provider is refused with 22023');
select throws_ok($$select public.ingest_inbound_message('twilio', null, 'sms', '+13055550101', '+13055550900', 'hi')$$,
  '22023', null, 'a null message id is refused with 22023');
select throws_ok($$select public.ingest_inbound_message('twilio', 'SM-1', null, '+13055550101', '+13055550900', 'hi')$$,
  '22023', null, 'a null channel is refused with 22023');
select throws_ok($$select public.ingest_inbound_message('twilio', 'SM-1', 'sms', null, '+13055550900', 'hi')$$,
  '22023', null, 'a null sender is refused with 22023');
select throws_ok($$select public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', null, 'hi')$$,
  '22023', null, 'a null receiving number is refused with 22023');
reset role;

-- TEST: nothing written.
select is((select count(*)::int from public.webhook_receipts) + (select count(*)::int from public.leads)
          + (select count(*)::int from public.inbound_messages), 0, 'no receipt, lead or message');

select * from finish();
rollback;
