-- A message to a number no account owns: outcome unknown_number, nothing written.
begin;
select plan(6);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as l \gset

create temp table res on commit drop as
select public.ingest_inbound_message('twilio', 'SM-unknown', 'sms', '+13055550101', '+13055550977', 'STOP', :'now') as r;

-- TEST: the outcome.
select is((select r from res), '{"outcome": "unknown_number"}'::jsonb, 'outcome unknown_number, nothing else');

-- TEST: nothing written.
select is((select count(*)::int from public.webhook_receipts), 0, 'no webhook_receipts row');
select is((select count(*)::int from public.inbound_messages), 0, 'no inbound message');
select is((select count(*)::int from public.core_memory_events), 0, 'no memory event');
select is((select count(*)::int from public.suppressions), 0, 'no suppression (the STOP was not ours)');
select is((select count(*)::int from tests.jobs('inbound_post_process')), 0, 'no job');

select * from finish();
rollback;
