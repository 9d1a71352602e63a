-- START lifts the opt-out suppression and confirms; START with nothing to lift
-- does nothing but record the message.
begin;
select plan(6);

select tests.local_at(-2, '10:00') as now \gset
select :'now'::timestamptz + interval '1 hour' as later \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
update public.org_settings set business_name = 'Level 5 Motors' where account_id = :'a';

create temp table res on commit drop as
select 1 as n, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'STOP', :'now') as r;
insert into res select 2, public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+13055550101', '+13055550900', 'start', :'later');
insert into res select 3, public.ingest_inbound_message('twilio', 'SM-3', 'sms', '+13055550102', '+13055550900', 'START', :'later');
select (r->>'lead_id')::uuid as l from res where n = 1 \gset
select (r->>'lead_id')::uuid as l_never from res where n = 3 \gset

-- TEST: lifted.
select results_eq(
  $$select distinct lifted_at, lifted_reason from public.suppressions where phone = '+13055550101'$$,
  format($$values (%L::timestamptz, 'opt_in_keyword'::text)$$, :'later'),
  'the suppressions are lifted at the START''s time, reason opt_in_keyword');
select results_eq(
  format($$select is_unsubscribed, suppressed_channels from public.lead_suppression_status_v1 where lead_id = %L$$, :'l'),
  $$values (false, '{}'::text[])$$, 'lead_suppression_status_v1: no longer unsubscribed');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'opt_in' and created_at = :'later'), 1,
  'an opt_in event');

-- TEST: confirmed.
select results_eq(
  format($$select payload->'meta'->>'source', attempt from public.touch_runs where id = %L$$, (select r->>'reply_touch_run_id' from res where n = 2)),
  $$values ('opt_in_confirmation'::text, 2)$$, 'an opt_in_confirmation touch (the second reply on sms)');
select matches((select payload->'delivery'->>'body' from public.touch_runs where id = (select (r->>'reply_touch_run_id')::uuid from res where n = 2)),
  '^Level 5 Motors: .*subscribed again.*STOP', 'its body names the business and says how to stop again');

-- TEST: nothing to lift.
select is(
  (select count(*)::int from public.touch_runs where lead_id = :'l_never')
  + (select count(*)::int from public.core_memory_events where lead_id = :'l_never' and event_type = 'opt_in'),
  0, 'START from a number that never opted out: no reply, no opt_in event');

select * from finish();
rollback;
