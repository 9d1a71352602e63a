-- Every channel of the plan used up and nothing else under way for the lead (no
-- active enrollment, no open touch): the cadence stops, the completed enrollment
-- is stopped (exhausted) and the lead is dead.
begin;
select plan(6);

select tests.local_at(1, '10:00') as p \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms', p_fallback => '{"order": ["sms"], "max_attempts": {"sms": 1}}');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.enroll(:'a', :'c', :'l', :'p'::timestamptz - interval '1 hour', p_status => 'completed');
select tests.create_touch(:'a', :'l', :'c', 1, 'sms', 1, :'p'::timestamptz - interval '1 hour',
                          tests.payload_v2('sms', p_order => array['sms'], p_max_attempts => '{"sms": 1}')) as t \gset

select brain.claim_touch(:'t', null, :'p') ->> 'outcome';
create temp table res on commit drop as select brain.record_touch_outcome(:'t', 'accepted', p_now => :'p') as r;

-- TEST: stop.
select is((select r->'route' from res),
  '{"decision": "stop", "reason": "all_channels_exhausted", "lead_dead": true}'::jsonb,
  'sms 1/1 and nothing else in the plan: stop, lead dead');
select is((select count(*)::int from public.touch_runs where lead_id = :'l'), 1, 'no new touch');

-- TEST: the lead.
select is((select lead_state from public.leads where id = :'l'), 'dead', 'the lead is dead');
select results_eq(
  format($$select previous_state, new_state, reason from public.lead_events where lead_id = %L order by created_at desc, new_state = 'dead' desc limit 1$$, :'l'),
  $$values ('touched'::text, 'dead'::text, 'all_channels_exhausted'::text)$$,
  'touched → dead, reason all_channels_exhausted');

-- TEST: the enrollment.
select results_eq(
  format($$select status, stop_reason, stopped_at from public.campaign_leads where lead_id = %L$$, :'l'),
  format($$values ('stopped'::text, 'exhausted'::text, %L::timestamptz)$$, :'p'),
  'the completed enrollment is stopped: exhausted');

-- TEST: logged.
select results_eq(
  format($$select event_source, payload->>'decision', payload->>'reason', payload->>'lead_dead' from public.core_memory_events
           where lead_id = %L and event_type = 'cadence_stopped'$$, :'l'),
  $$values ('smart_router'::text, 'stop'::text, 'all_channels_exhausted'::text, 'true'::text)$$,
  'a cadence_stopped event says why and that the lead is dead');

select * from finish();
rollback;
