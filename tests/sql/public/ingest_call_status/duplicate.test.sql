-- The same call event twice: the second is a duplicate with no effect.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'voice', 'twilio');
select tests.give_senders(:'a', '+13055550900', p_channel => 'voice');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.sent_touch(:'a', :'l', 'voice', 'CA-1', :'now') as t \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 1 as n, public.ingest_call_status('twilio', 'CA-1:completed', 'CA-1', null, 'completed', 30, :'now') as r;
insert into res select 2, public.ingest_call_status('twilio', 'CA-1:completed', 'CA-1', null, 'completed', 30, :'now');
reset role;

-- TEST: duplicate.
select is((select r from res where n = 2), jsonb_build_object('outcome', 'duplicate', 'account_id', :'a'), 'the replay is a duplicate');
select is((select count(*)::int from public.webhook_receipts where idempotency_key = 'CA-1:completed'), 1, 'one receipt for the event');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'call_answered'), 1, 'one call_answered');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'touch_delivered'), 1, 'one touch_delivered');

select * from finish();
rollback;
