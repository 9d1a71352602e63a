-- unknown: the provider's answer was lost. The touch and message become unknown,
-- no attempt is counted, the router does not run. It may later be settled.
begin;
select plan(10);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
-- Not about enrichment (issue 19): the lead's is done, so nothing waits for it.
select tests.enrichment_done(:'l');
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour',
                          tests.payload_v2('sms', p_order => array['sms'], p_max_attempts => '{"sms": 3}', p_cooldown_minutes => '{"sms": 0}')) as t \gset
select brain.claim_touch(:'t', null, :'now') ->> 'outcome';

create temp table res on commit drop as
select brain.record_touch_outcome(:'t', 'unknown', p_error_code => 'timeout', p_now => :'now') as r;

-- TEST: unknown.
select is((select r from res), '{"recorded": true, "status": "unknown"}'::jsonb, 'recorded: unknown, no route');
select results_eq(
  format($$select t.status, m.status from public.touch_runs t join public.outbound_messages m on m.touch_run_id = t.id where t.id = %L$$, :'t'),
  $$values ('unknown'::text, 'unknown'::text)$$, 'touch and outbound message are unknown');
select results_eq(
  format($$select event_type, direction from public.core_memory_events where payload->>'touch_run_id' = %L$$, :'t'),
  $$values ('touch_outcome_unknown'::text, 'internal'::text)$$,
  'the only event is an internal touch_outcome_unknown');
select is((select attempts_done::int from brain.lead_channel_attempts_at(:'now') where lead_id = :'l' and channel = 'sms'), 0,
  'no attempt is counted (v_lead_channel_attempts as of p_now)');
select is((select count(*)::int from public.touch_runs where lead_id = :'l'), 1, 'no next touch (the router did not run)');
select is((select lead_state from public.leads where id = :'l'), 'new', 'the lead is not touched');

-- TEST: unknown again is a no-op.
select is(brain.record_touch_outcome(:'t', 'unknown', p_now => :'now'::timestamptz + interval '1 minute'),
  '{"recorded": false, "status": "unknown"}'::jsonb, 'unknown again: recorded false');

-- TEST: settled later as accepted (the provider had it).
select is(brain.record_touch_outcome(:'t', 'accepted', 'SM-7', p_now => :'now'::timestamptz + interval '5 minutes') - 'route',
  '{"recorded": true, "status": "sent"}'::jsonb, 'settled as accepted: sent');
select results_eq(
  format($$select t.status, m.status, m.provider_message_id, (select count(*)::int from public.core_memory_events e
                                                               where e.payload->>'touch_run_id' = t.id::text and e.event_type = 'touch_sent')
           from public.touch_runs t join public.outbound_messages m on m.touch_run_id = t.id where t.id = %L$$, :'t'),
  $$values ('sent'::text, 'sent'::text, 'SM-7'::text, 1)$$,
  'touch and message sent, one touch_sent event');
select results_eq(
  format($$select l.lead_state, (select count(*)::int from public.lead_timers x where x.lead_id = l.id) from public.leads l where l.id = %L$$, :'l'),
  $$values ('touched'::text, 3)$$, 'the lead is touched and its timers start');

select * from finish();
rollback;
