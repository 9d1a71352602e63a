-- Rule 3, send: enrolled in an active campaign with a pending step. next_action_at is
-- the later of the step's due time and the next send-window start; effective_channel
-- follows the fallback plan and provider readiness.
-- p_now = 2026-06-10 16:00Z = 12:00 in New York (EDT); leads have Miami (305) phones.
begin;
select plan(16);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a', 'autos_outbound_miami', true) as c \gset
insert into public.campaign_steps (account_id, campaign_id, step, channel, delay_minutes, fallback, body) values
  (:'a', :'c', 1, 'sms', 0, '{"order":["sms","voice","email"],"max_attempts":{"sms":2,"voice":1,"email":1},"cooldown_minutes":{"sms":720,"voice":0,"email":0}}', 'Hi'),
  (:'a', :'c', 2, 'voice', 60, null, 'Ask whether the car is still for sale.');

select tests.create_lead(:'a', '+13055550100') as due \gset
select tests.create_lead(:'a', '+13055550101') as later_today \gset
select tests.create_lead(:'a', '+13055550102') as tonight \gset
insert into public.campaign_leads (account_id, campaign_id, lead_id, enrolled_at) values (:'a', :'c', :'due', '2026-06-10 15:00+00');
insert into public.campaign_leads (account_id, campaign_id, lead_id, next_step_at) values
  (:'a', :'c', :'later_today', '2026-06-10 23:30+00'),
  (:'a', :'c', :'tonight', '2026-06-11 01:30+00');

select results_eq(
  format($$select next_action, campaign_id, next_action_at, recommended_action, recommended_delay_minutes, recommended_channel, effective_channel, reason
           from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'due'),
  format($$values ('send'::text, %L::uuid, timestamptz '2026-06-10 16:00+00', 'send'::text, 0, 'sms'::text, 'sms'::text, 'campaign_step_pending'::text)$$, :'c'),
  'a step due an hour ago, inside the window: send now by SMS');
select is(
  (select next_step_at from public.campaign_leads where lead_id = :'due'),
  timestamptz '2026-06-10 15:00+00', 'enrollment sets next_step_at from the first step''s delay');
select results_eq(
  format($$select next_action_at, recommended_delay_minutes from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'later_today'),
  $$values (timestamptz '2026-06-10 23:30+00', 450)$$,
  'a step due at 19:30 local, inside the window, goes at its due time');
select results_eq(
  format($$select next_action, next_action_at from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'tonight'),
  $$values ('send'::text, timestamptz '2026-06-11 12:00+00')$$,
  'a step due at 21:30 local waits for 08:00 the next morning');
select results_eq(
  format($$select next_action_at, recommended_delay_minutes from brain.lead_next_action_at('2026-06-11 02:00+00') where lead_id = %L$$, :'due'),
  $$values (timestamptz '2026-06-11 12:00+00', 600)$$,
  'at 22:00 local a due step waits for the window (600 minutes)');

-- TEST: effective_channel follows readiness and the fallback order.
select tests.set_provider(:'a', 'sms', 'twilio');
select tests.set_provider_ready('twilio', false);
select results_eq(
  format($$select next_action, recommended_channel, effective_channel from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'due'),
  $$values ('send'::text, 'sms'::text, 'voice'::text)$$,
  'SMS provider not ready: the plan goes to voice');
select tests.set_provider_ready('twilio', true);
select is(
  (select effective_channel from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = :'due'),
  'sms', 'once the worker finds Twilio configured, SMS is used again');
select tests.set_provider_ready('twilio', false);
delete from public.account_provider_settings where account_id = :'a' and channel = 'voice';
select results_eq(
  format($$select next_action, recommended_channel, effective_channel, reason from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'due'),
  $$values ('do_nothing'::text, null::text, null::text, 'no_ready_channel'::text)$$,
  'no usable channel in the plan (email has no address): nothing can be sent');
select tests.set_all_providers(:'a');

-- TEST: attempts used up on the step channel move the plan on.
select tests.create_touch(:'a', :'due', :'c', 1, 'sms', 1, '2026-06-10 15:01+00') as t1 \gset
select tests.record_attempt(:'t1', '2026-06-10 15:02+00', 'touch_failed');
select tests.create_touch(:'a', :'due', :'c', 1, 'sms', 2, '2026-06-10 15:03+00') as t2 \gset
select tests.record_attempt(:'t2', '2026-06-10 15:04+00', 'touch_failed');
-- Both touches failed (a pending one would be reported instead: rule 2).
update public.touch_runs set status = 'sending' where id in (:'t1', :'t2');
update public.touch_runs set status = 'failed' where id in (:'t1', :'t2');
select is(
  (select effective_channel from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = :'due'),
  'voice', 'both SMS attempts used: voice is next');

-- TEST: what is not a send.
update public.campaigns set is_active = false where id = :'c';
select results_eq(
  format($$select next_action, campaign_id from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'later_today'),
  $$values ('do_nothing'::text, null::uuid)$$,
  'a paused campaign sends nothing');
update public.campaigns set is_active = true where id = :'c';
update public.campaign_leads set status = 'paused' where lead_id = :'later_today';
select is(
  (select next_action from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = :'later_today'),
  'do_nothing', 'a paused enrollment sends nothing');
update public.campaign_leads set status = 'active', current_step = 3 where lead_id = :'later_today';
select results_eq(
  format($$select next_action, reason from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'later_today'),
  $$values ('do_nothing'::text, 'no_pending_step'::text)$$,
  'all steps done: no pending step');
update public.campaign_leads set current_step = 2, next_step_at = '2026-06-10 15:00+00' where lead_id = :'later_today';
select results_eq(
  format($$select next_action, recommended_channel, effective_channel from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'later_today'),
  $$values ('send'::text, 'voice'::text, 'voice'::text)$$,
  'a step without a fallback plan uses its own channel');

-- TEST: the view agrees with the function and is tenant-scoped.
select tests.create_account() as b \gset
select tests.create_lead(:'b', '+13055550199') as other \gset
select tests.act_as('revenue_api', :'a');
select is((select count(*)::int from public.lead_next_action_view_v5), 3, 'the API of A sees A''s three leads');
select is((select count(*)::int from public.lead_next_action_view_v5 where lead_id = :'other'), 0, 'and not B''s');
select is(
  (select next_action from public.lead_next_action_view_v5 where lead_id = :'due'),
  (select next_action from brain.lead_next_action_at(now()) where lead_id = :'due'),
  'the view is the function at now()');

select * from finish();
rollback;
