-- The same provider event twice: the second call is a duplicate with no effect.
begin;
select plan(9);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');

create temp table res on commit drop as
select 1 as n, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'STOP', :'now') as r;
insert into res select 2, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'STOP',
                                                        :'now'::timestamptz + interval '5 minutes');
select (r->>'lead_id')::uuid as l from res where n = 1 \gset

-- TEST: outcomes.
select is((select r->>'outcome' from res where n = 1), 'recorded', 'first: recorded');
select is((select r from res where n = 2), jsonb_build_object('outcome', 'duplicate', 'account_id', :'a'),
  'second: duplicate, with the account');

-- TEST: exactly one of everything.
select results_eq(
  $$select provider, idempotency_key, account_id, event_type from public.webhook_receipts$$,
  format($$values ('twilio'::text, 'message:SM-1'::text, %L::uuid, 'inbound_sms'::text)$$, :'a'),
  'one webhook_receipts row: twilio, message:SM-1');
select is((select count(*)::int from public.inbound_messages where provider_message_id = 'SM-1'), 1, 'one inbound message');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'inbound_message'), 1,
  'one inbound_message memory event');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'opt_out'), 1,
  'one opt_out memory event');
select is((select count(*)::int from public.touch_runs where lead_id = :'l' and payload->'meta'->>'source' = 'opt_out_confirmation'), 1,
  'one confirmation');
select is((select count(*)::int from public.leads where account_id = :'a'), 1, 'one lead');
select is((select count(*)::int from tests.jobs('inbound_post_process')), 1, 'one inbound_post_process job');

select * from finish();
rollback;
