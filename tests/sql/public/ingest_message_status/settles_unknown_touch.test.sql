-- A worker died after the provider took the message (touch unknown): the
-- provider's report settles it as sent, then delivered. Nothing is re-sent.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'sms', 'twilio');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour',
                          tests.payload_v2('sms') #- '{routing,fallback}') as t \gset
select brain.claim_touch(:'t', 'w1', :'now') ->> 'outcome';
-- The worker is gone: the next claim finds it still sending.
select brain.claim_touch(:'t', 'w2', :'now'::timestamptz + interval '10 minutes') ->> 'outcome';

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select public.ingest_message_status('twilio', 'SM-9:delivered', 'SM-9', :'t', 'delivered', 'delivered', null,
                                    :'now'::timestamptz + interval '11 minutes') as r;
reset role;

-- TEST: settled.
select is((select r->>'outcome' from res), 'recorded', 'recorded');
select results_eq(format($$select status, provider_message_id from public.touch_runs where id = %L$$, :'t'),
  $$values ('delivered'::text, 'SM-9'::text)$$, 'the touch is delivered, with the provider''s id');
select results_eq(format($$select status, provider_message_id from public.outbound_messages where lead_id = %L$$, :'l'),
  $$values ('delivered'::text, 'SM-9'::text)$$, 'its one outbound message is delivered: nothing was re-sent');
select is((select count(*)::int from public.core_memory_events where payload->>'touch_run_id' = :'t' and event_type = 'touch_sent'), 1,
  'the send is counted once (touch_sent)');
select is((select lead_state from public.leads where id = :'l'), 'touched', 'the lead is touched');
select is((select count(*)::int from public.touch_runs where lead_id = :'l'), 1, 'no new touch');

select * from finish();
rollback;
