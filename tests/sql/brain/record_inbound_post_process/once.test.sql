-- The inbound_post_process job records one inbound_post_processed event per
-- message: true the first time, false after, false for an unknown message.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, body)
values (:'a', :'l', 'sms', 'twilio', 'SM1', '+13055550101', 'hola') returning id as m \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 1 as n, brain.record_inbound_post_process(:'m', :'now') as r;
insert into res select 2, brain.record_inbound_post_process(:'m', :'now'::timestamptz + interval '1 minute');
insert into res select 3, brain.record_inbound_post_process(gen_random_uuid(), :'now');

-- TEST: results.
select results_eq($$select r from res order by n$$, $$values (true), (false), (false)$$,
  'first call true; second call false; unknown message false');

-- TEST: one event.
select results_eq(
  format($$select event_type, event_source, channel::text, direction, created_at, dedupe_key from public.core_memory_events where lead_id = %L$$, :'l'),
  format($$values ('inbound_post_processed'::text, 'inbound_post_process'::text, 'sms'::text, 'internal'::text, %L::timestamptz, %L::text)$$,
         :'now', 'inbound_post_process:' || :'m'),
  'one inbound_post_processed event at p_now, dedupe_key inbound_post_process:<id>');
select is((select payload->>'inbound_message_id' from public.core_memory_events where lead_id = :'l'), :'m',
  'its payload names the message');

-- TEST: only the worker may call it.
reset role;
select tests.act_as('revenue_api', :'a');
select throws_ok(format($$select brain.record_inbound_post_process(%L)$$, :'m'), '42501', null,
  'revenue_api cannot call it');
reset role;
select is((select count(*)::int from public.core_memory_events where lead_id = :'l'), 1, 'still one event');

select * from finish();
rollback;
