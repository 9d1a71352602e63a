-- Every recorded message queues one inbound_post_process job keyed
-- inbound_post_process:<message id>; a replay queues none.
begin;
select plan(3);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');

create temp table res on commit drop as
select 1 as n, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'hello', :'now') as r;
insert into res select 2, public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+13055550102', '+13055550900', 'STOP', :'now');
insert into res select 3, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'hello', :'now');

-- TEST: one job per message.
select set_eq(
  $$select job_key, payload->>'inbound_message_id', max_attempts::int from tests.jobs('inbound_post_process')$$,
  $$select 'inbound_post_process:' || (r->>'inbound_message_id') as k, r->>'inbound_message_id' as m, 5 as a from res where n in (1, 2)$$,
  'one job per recorded message (a reply and a STOP), keyed by the message, 5 attempts');
select is((select r->>'outcome' from res where n = 3), 'duplicate', 'the replay is a duplicate');
select is((select count(*)::int from tests.jobs('inbound_post_process')), 2, 'and queues no job');

select * from finish();
rollback;
