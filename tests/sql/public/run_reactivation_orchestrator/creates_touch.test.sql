-- One touch per lead whose next action (lead_next_action_view_v5) is reactivate:
-- outside any campaign, step = reactivation round, on the effective channel,
-- meta.source = brain_full_auto_reactivation.
begin;
select plan(8);

-- 10:00 in New York; the last touches were 60 days ago (reactivation after 45).
select tests.local_at(1, '10:00') as now \gset
select :'now'::timestamptz - interval '60 days' as long_ago \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');

select tests.create_lead(:'a', '+13055550101') as l_voice \gset
select tests.create_lead(:'a', '+13055550102', p_timezone => 'America/Los_Angeles') as l_la \gset
select tests.create_lead(:'a', null, 'only@example.com') as l_email \gset
select tests.create_lead(:'a', '+13055550103') as l_never \gset
select tests.create_lead(:'a', '+13055550104') as l_replied \gset
select tests.create_lead(:'a', '+13055550105') as l_enrolled \gset
select tests.record_event(:'a', l, 'touch_sent', :'long_ago', 'outbound', 'sms')
from unnest(array[:'l_voice', :'l_la', :'l_email', :'l_replied', :'l_enrolled']::uuid[]) l;
select tests.record_event(:'a', :'l_replied', 'inbound_message', :'long_ago'::timestamptz + interval '1 day', 'inbound', 'sms');
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.enroll(:'a', :'c', :'l_enrolled', :'now'::timestamptz + interval '1 day');

create temp table r on commit drop as select * from public.run_reactivation_orchestrator(p_now => :'now');

-- TEST: exactly the leads the brain says to reactivate.
select set_eq(
  $$select lead_id from r$$,
  format($$select lead_id from brain.lead_next_action_at(%L) where account_id = %L and next_action = 'reactivate'$$, :'now', :'a'),
  'the leads taken are those whose next_action is reactivate');
select set_eq(
  $$select lead_id, channel, round, decision, scheduled_at from r$$,
  format($$values (%L::uuid, 'voice'::text, 1, 'queued'::text, %L::timestamptz), (%L::uuid, 'voice', 1, 'scheduled', %L),
                  (%L::uuid, 'email', 1, 'queued', %L)$$,
         :'l_voice', :'now', :'l_la', tests.local_at(1, '08:00', 'America/Los_Angeles'), :'l_email', :'now'),
  'voice first (email for a lead with only an email); 07:00 in Los Angeles waits for 08:00 there');

-- TEST: the touch rows.
select set_eq(
  format($$select lead_id, campaign_id, step, channel::text, attempt, status from public.touch_runs where account_id = %L$$, :'a'),
  format($$values (%L::uuid, null::uuid, 1, 'voice'::text, 1, 'queued'::text), (%L::uuid, null, 1, 'voice', 1, 'scheduled'),
                  (%L::uuid, null, 1, 'email', 1, 'queued')$$, :'l_voice', :'l_la', :'l_email'),
  'one touch per reactivated lead: no campaign, step = round 1, attempt 1');
select is(
  (select count(*)::int from public.touch_runs t join r on r.touch_run_id = t.id where t.account_id = :'a'),
  3, 'the result names each touch');

-- TEST: payload.
select t.payload as p from public.touch_runs t where t.lead_id = :'l_voice' \gset
select is(:'p'::jsonb -> 'meta' ->> 'source', 'brain_full_auto_reactivation', 'meta.source = brain_full_auto_reactivation');
select is(:'p'::jsonb -> 'routing' -> 'fallback', brain.reactivation_plan('voice'), 'routing.fallback is the reactivation plan for voice');
select is(
  jsonb_build_object('class', :'p'::jsonb ->> 'message_class', 'current', :'p'::jsonb -> 'routing' ->> 'current_channel', 'step', :'p'::jsonb -> 'step'),
  jsonb_build_object('class', 'reactivation', 'current', 'voice', 'step', 1),
  'message_class reactivation, current_channel voice, step 1');
select is(
  (select count(*)::int from public.touch_runs t where t.lead_id in (:'l_never', :'l_replied', :'l_enrolled')),
  0, 'never touched, replied since, and enrolled leads get nothing');

select * from finish();
rollback;
