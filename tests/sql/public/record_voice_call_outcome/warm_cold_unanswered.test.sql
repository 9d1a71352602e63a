-- warm and cold calls are recorded and count as responses, but queue nobody;
-- an unanswered call is recorded without a response, a transcript or a verdict.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'voice', 'twilio');
select tests.give_senders(:'a', '+13055550900', p_channel => 'voice');
select tests.create_lead(:'a', '+13055550101') as warm \gset
select tests.create_lead(:'a', '+13055550102') as cold \gset
select tests.create_lead(:'a', '+13055550103') as silent \gset
select tests.sent_touch(:'a', :'warm', 'voice', 'CA-W', :'now') as tw \gset
select tests.sent_touch(:'a', :'cold', 'voice', 'CA-C', :'now'::timestamptz + interval '2 seconds') as tc \gset
select tests.sent_touch(:'a', :'silent', 'voice', 'CA-S', :'now'::timestamptz + interval '4 seconds') as ts \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 'warm' as k, public.record_voice_call_outcome('twilio', 'CA-W', :'tw', true, 60, 'warm', 'maybe next month', '[{"role": "lead", "text": "maybe later"}]', :'now') as r
union all
select 'cold', public.record_voice_call_outcome('twilio', 'CA-C', :'tc', true, 12, 'cold', null, '[{"role": "lead", "text": "no thanks"}]', :'now')
union all
select 'silent', public.record_voice_call_outcome('twilio', 'CA-S', :'ts', false, 0, null, null, '[]', :'now');
reset role;

-- TEST: results and states.
select set_eq($$select k, r->>'outcome' as o, r->>'lead_state' as s, r->>'call_queue' as q from res$$,
  $$values ('warm', 'recorded', 'responded', null::text), ('cold', 'recorded', 'responded', null), ('silent', 'recorded', 'touched', null)$$,
  'warm and cold leads responded; the unanswered lead stays touched; nobody is queued');
select is((select count(*)::int from public.call_queue where account_id = :'a'), 0, 'the call queue is empty');

-- TEST: events.
select set_eq(
  format($$select lead_id, score_delta, direction, payload->>'verdict' from public.core_memory_events
           where account_id = %L and event_type = 'voice_call_outcome'$$, :'a'),
  format($$values (%L::uuid, 5, 'inbound'::text, 'warm'::text), (%L, 0, 'inbound', 'cold'), (%L, 0, 'internal', null)$$, :'warm', :'cold', :'silent'),
  'warm scores +5, cold 0; an unanswered call is an internal record without a verdict');
select is((select count(*)::int from public.core_memory_events where lead_id = :'silent' and event_type in ('call_answered', 'voice_call_transcript')), 0,
  'an unanswered call has no call_answered and no transcript');
select is((select count(*)::int from public.core_memory_events where account_id = :'a' and event_type = 'voice_call_transcript'), 2,
  'warm and cold calls keep their transcripts');
select is((select count(*)::int from public.touch_runs where account_id = :'a' and status = 'canceled'), 0, 'nothing is halted');

select * from finish();
rollback;
