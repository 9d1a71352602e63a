-- The same report twice: the second is a duplicate with no effect.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'sms', 'twilio');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.sent_touch(:'a', :'l', 'sms', 'SM-1', :'now') as t \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 1 as n, public.ingest_message_status('twilio', 'SM-1:failed', 'SM-1', null, 'failed', 'undelivered', '30003', :'now') as r;
insert into res select 2, public.ingest_message_status('twilio', 'SM-1:failed', 'SM-1', null, 'failed', 'undelivered', '30003', :'now');
reset role;

-- TEST: duplicate.
select is((select r from res where n = 2), jsonb_build_object('outcome', 'duplicate', 'account_id', :'a'), 'the replay is a duplicate');
select is((select count(*)::int from public.webhook_receipts where idempotency_key = 'SM-1:failed'), 1, 'one receipt');
select is((select count(*)::int from public.core_memory_events where payload->>'touch_run_id' = :'t' and event_type = 'delivery_failed'), 1,
  'one delivery_failed event');
select results_eq(format($$select status, error_code from public.touch_runs where lead_id = %L$$, :'l'),
  $$values ('failed'::text, '30003'::text)$$, 'the touch failed once; nothing else was created');

select * from finish();
rollback;
