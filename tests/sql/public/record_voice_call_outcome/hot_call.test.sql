-- A hot verdict: the call is recorded (outcome, transcript, answered), the lead's
-- outreach pauses, it moves to high_intent and joins the call queue at the
-- account's gold priority.
begin;
select plan(11);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'voice', 'twilio');
select tests.give_senders(:'a', '+13055550900', p_channel => 'voice');
update public.org_settings set call_queue_gold_priority = 250 where account_id = :'a';
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.sent_touch(:'a', :'l', 'voice', 'CA-1', :'now') as t \gset
-- A touch still waiting for its turn: a hot lead is not contacted by the cadence.
select tests.create_touch(:'a', :'l', null, 2, 'sms', 1, :'now') as pending \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select public.record_voice_call_outcome('twilio', 'CA-1', :'t', true, 95, 'hot', 'wants a test drive on Saturday',
  '[{"role": "assistant", "text": "Hi, this is Sunset Motors.", "at_ms": 300},
    {"role": "lead", "text": "Yes, I want to see the truck.", "at_ms": 4100}]'::jsonb,
  :'now'::timestamptz + interval '2 minutes') as r;
reset role;

-- TEST: the result.
select is((select r - 'call_queue_id' - 'halted' from res),
  jsonb_build_object('outcome', 'recorded', 'account_id', :'a', 'lead_id', :'l', 'touch_run_id', :'t', 'verdict', 'hot',
                     'lead_state', 'high_intent', 'call_queue', 'queued'),
  'recorded: hot, lead high_intent, queued');
select is((select (r->>'call_queue_id')::uuid from res), (select id from public.call_queue where lead_id = :'l'), 'the queue entry is returned');

-- TEST: the call in memory (the lead timeline reads these).
select results_eq(
  format($$select channel::text, direction, score_delta, created_at, payload from public.core_memory_events
           where lead_id = %L and event_type = 'voice_call_outcome'$$, :'l'),
  format($$values ('voice'::text, 'inbound'::text, 15, %L::timestamptz,
                   jsonb_build_object('touch_run_id', %L::text, 'provider', 'twilio', 'call_id', 'CA-1', 'answered', true,
                                      'duration_seconds', 95, 'verdict', 'hot', 'stated_intent', 'wants a test drive on Saturday',
                                      'turns', 2))$$,
         :'now'::timestamptz + interval '2 minutes', :'t'),
  'one voice_call_outcome event: answered, duration, verdict, stated intent, score +15');
select is(
  (select payload->'turns' from public.core_memory_events where lead_id = :'l' and event_type = 'voice_call_transcript'),
  '[{"role": "assistant", "text": "Hi, this is Sunset Motors.", "at_ms": 300},
    {"role": "lead", "text": "Yes, I want to see the truck.", "at_ms": 4100}]'::jsonb,
  'the transcript is kept as a voice_call_transcript event');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'call_answered'), 1,
  'the answered call is a response (call_answered)');
select set_eq(format($$select event_type from public.lead_timeline(%L) where kind = 'memory'$$, :'l'),
  $$values ('touch_sent'), ('voice_call_outcome'), ('voice_call_transcript'), ('call_answered')$$,
  'the lead''s timeline shows the call');

-- TEST: the lead.
select results_eq(
  format($$select previous_state, new_state, reason, actor from public.lead_events where lead_id = %L and new_state in ('responded', 'high_intent') order by created_at, new_state desc$$, :'l'),
  $$values ('touched'::text, 'responded'::text, 'call_answered'::text, 'voice_gateway'::text),
           ('responded', 'high_intent', 'hot_call', 'voice_gateway')$$,
  'touched → responded (call_answered) → high_intent (hot_call)');
select results_eq(
  format($$select priority, status, reason, source from public.call_queue where lead_id = %L$$, :'l'),
  $$values (250, 'pending'::text, 'hot_call'::text, 'voice_gateway'::text)$$,
  'queued once, at org_settings.call_queue_gold_priority, reason hot_call');
select results_eq(format($$select status, error_code from public.touch_runs where id = %L$$, :'pending'),
  $$values ('canceled'::text, 'hot_call'::text)$$, 'the pending touch is canceled: a person calls next');

-- TEST: recorded once per call.
select results_eq($$select provider, idempotency_key, event_type from public.webhook_receipts where provider = 'voice_gateway'$$,
  $$values ('voice_gateway'::text, 'outcome:twilio:CA-1'::text, 'voice_call_outcome'::text)$$, 'one receipt keyed by the call');
select is((select lead_state from public.leads where id = :'l'), 'high_intent', 'the lead is high_intent');

select * from finish();
rollback;
