-- Seed 000, email fail-closed: an email step whose provider (elastic_email) is not
-- ready is skipped (skip_channel_not_ready), passed over, and logged once per
-- campaign step however many leads it concerned.
begin;
select plan(9);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider(:'a', 'email', 'elastic_email');
-- No provider_readiness row at all for elastic_email: not ready (fail closed).
delete from public.provider_readiness where provider = 'elastic_email';
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'email', p_subject => 'Hi');
select tests.create_step(:'a', :'c', 2, 'sms', p_delay_minutes => 10);
select tests.create_lead(:'a', '+13055550101', 'one@example.com') as l1 \gset
select tests.create_lead(:'a', '+13055550102', 'two@example.com') as l2 \gset
select tests.create_lead(:'a', '+13055550103', 'three@example.com') as l3 \gset
select tests.enroll(:'a', :'c', l, :'now'::timestamptz - interval '1 minute') from unnest(array[:'l1', :'l2', :'l3']::uuid[]) l;

create temp table r on commit drop as select * from public.run_touch_orchestrator(p_now => :'now');

-- TEST: every lead is skip_channel_not_ready, with no touch.
select results_eq(
  $$select count(*)::int, count(*) filter (where decision = 'skip_channel_not_ready' and touch_run_id is null and scheduled_at is null)::int from r$$,
  $$values (3, 3)$$, 'three leads, three skip_channel_not_ready decisions without a touch');
select is((select count(*)::int from public.touch_runs where account_id = :'a'), 0, 'no email touch_run is created');

-- TEST: the step is passed over.
select is(
  (select count(*)::int from public.campaign_leads
   where campaign_id = :'c' and status = 'active' and current_step = 2 and next_step_at = :'now'::timestamptz + interval '10 minutes'),
  3, 'each enrollment moves to step 2, due 10 minutes later');

-- TEST: one account event for the (campaign, step).
select results_eq(
  format($$select event_type, event_source, subject_id, payload->>'step', payload->>'channel', payload->>'reason', payload->>'leads', created_at
           from public.account_events where account_id = %L$$, :'a'),
  format($$values ('orchestrator_step_skipped'::text, 'touch_orchestrator'::text, %L::uuid, '1'::text, 'email'::text, 'channel_not_ready'::text, '3'::text, %L::timestamptz)$$,
         :'c', :'now'),
  'exactly one orchestrator_step_skipped event for campaign step 1, counting 3 leads');

-- TEST: a readiness row saying not ready is the same.
select tests.set_provider_ready('elastic_email', false);
select tests.create_lead(:'a', '+13055550104', 'four@example.com') as l4 \gset
select tests.enroll(:'a', :'c', :'l4', :'now'::timestamptz + interval '1 minute');
select is(
  (select decision from public.run_touch_orchestrator(p_now => :'now'::timestamptz + interval '1 minute') where lead_id = :'l4'),
  'skip_channel_not_ready', 'elastic_email ready = false: still skipped');

-- TEST: the sms step that follows is sent (control: the skip is per channel).
create temp table r2 on commit drop as select * from public.run_touch_orchestrator(p_now => :'now'::timestamptz + interval '10 minutes');
select is((select count(*)::int from r2 where decision = 'queued' and channel = 'sms'), 3, 'step 2 (sms) is queued for the three leads');

-- TEST: once Elastic Email is ready, email steps are scheduled.
select tests.set_provider_ready('elastic_email', true);
select tests.create_lead(:'a', '+13055550105', 'five@example.com') as l5 \gset
select tests.enroll(:'a', :'c', :'l5', :'now'::timestamptz + interval '11 minutes');
select results_eq(
  format($$select decision, channel from public.run_touch_orchestrator(p_now => %L) where lead_id = %L$$,
         :'now'::timestamptz + interval '11 minutes', :'l5'),
  $$values ('queued'::text, 'email'::text)$$,
  'elastic_email ready: the email step is queued');
select is((select count(*)::int from public.touch_runs where lead_id = :'l5' and channel = 'email'), 1, 'with its touch_run');
select is(
  (select count(*)::int from public.account_events where account_id = :'a' and event_type = 'orchestrator_step_skipped'),
  2, 'two skip events in all: one per tick that skipped the step');

select * from finish();
rollback;
