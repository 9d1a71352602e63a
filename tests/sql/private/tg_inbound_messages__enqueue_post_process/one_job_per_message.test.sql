-- The statement trigger on inbound_messages queues one inbound_post_process job
-- per inserted message (job_key inbound_post_process:<id>), for ingestion running
-- as revenue_worker (which has no rights on graphile_worker) and for a
-- multi-row insert alike; a replay queues nothing.
begin;
select plan(6);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');

-- TEST: revenue_worker cannot queue jobs itself.
select tests.act_as('revenue_worker', null);
select throws_ok($$select graphile_worker.add_job('inbound_post_process', '{}')$$, '42501', null,
  'revenue_worker has no rights on graphile_worker');
reset role;

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 1 as n, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'hello', :'now') as r;
insert into res select 2, public.ingest_inbound_message('telnyx', 'msg-2', 'sms', '+13055550102', '+13055550900', 'STOP', :'now');
insert into res select 3, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'hello', :'now');
reset role;

-- TEST: one job per message ingested as revenue_worker.
select set_eq($$select job_key, payload->>'inbound_message_id' as message from tests.jobs('inbound_post_process')$$,
  $$select 'inbound_post_process:' || (r->>'inbound_message_id') as job_key, r->>'inbound_message_id' as message from res where n in (1, 2)$$,
  'two messages, two jobs keyed by the message');
select is((select r->>'outcome' from res where n = 3), 'duplicate', 'the replay is a duplicate');
select is((select count(*)::int from tests.jobs('inbound_post_process')), 2, 'and queues nothing');

-- TEST: a multi-row insert fires the statement trigger once and queues a job per row.
create temp table bulk on commit drop as
with ins as (
  insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, body)
  select :'a', (res.r->>'lead_id')::uuid, 'sms', 'tests', 'bulk-' || g, '+13055550101', 'x'
  from res, generate_series(1, 3) g where res.n = 1
  returning id)
select id from ins;
select set_eq($$select job_key from tests.jobs('inbound_post_process') where payload->>'inbound_message_id' in (select id::text from bulk)$$,
  $$select 'inbound_post_process:' || id from bulk$$, 'three rows in one statement: three jobs, one per row');
select is((select count(distinct job_key)::int from tests.jobs('inbound_post_process')), 5, 'five messages, five distinct jobs');

select * from finish();
rollback;
