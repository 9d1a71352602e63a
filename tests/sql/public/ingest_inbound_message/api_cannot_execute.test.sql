-- Ingestion is the worker's: the API and analyst roles cannot call it.
begin;
select plan(3);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');

-- TEST: refused.
select tests.act_as('revenue_api', :'a');
select throws_ok(
  $$select public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'STOP')$$,
  '42501', 'permission denied for function ingest_inbound_message', 'revenue_api: permission denied');
reset role;
select tests.act_as('revenue_analyst', :'a');
select throws_ok(
  $$select public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'STOP')$$,
  '42501', 'permission denied for function ingest_inbound_message', 'revenue_analyst: permission denied');
reset role;

-- TEST: nothing written.
select is((select count(*)::int from public.webhook_receipts), 0, 'no receipt');

select * from finish();
rollback;
