-- An answered call is a response: a call_answered memory event and the lead
-- moves to responded. The call's delivery status is left to its completion.
begin;
select plan(5);

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
select public.ingest_call_status('twilio', 'CA-1:in-progress', 'CA-1', null, 'answered', null, :'now'::timestamptz + interval '20 seconds') as r;
reset role;

-- TEST: the result.
select is((select r from res), jsonb_build_object('outcome', 'recorded', 'account_id', :'a', 'lead_id', :'l', 'status', 'answered'),
  'recorded: answered');

-- TEST: a response.
select results_eq(
  format($$select channel::text, direction, score_delta, payload->>'call_id', created_at from public.core_memory_events
           where lead_id = %L and event_type = 'call_answered'$$, :'l'),
  format($$values ('voice'::text, 'inbound'::text, 5, 'CA-1'::text, %L::timestamptz)$$, :'now'::timestamptz + interval '20 seconds'),
  'one call_answered event: voice, inbound, score 5, the call id');
select is((select lead_state from public.leads where id = :'l'), 'responded', 'touched → responded');
select is((select reason from public.lead_events where lead_id = :'l' and new_state = 'responded'), 'call_answered', 'reason call_answered');

-- TEST: delivery unchanged.
select is((select status from public.touch_runs where id = :'t'), 'sent', 'the touch stays sent until the call completes');

select * from finish();
rollback;
