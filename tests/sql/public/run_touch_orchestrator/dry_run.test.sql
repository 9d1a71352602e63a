-- p_dry_run returns the decisions a real run would make and writes nothing:
-- no touches, no jobs, no memory or account events, no enrollment change.
begin;
select plan(7);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider(:'a', 'email', 'elastic_email');
select tests.set_provider_ready('elastic_email', false);
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.create_step(:'a', :'c', 2, 'voice', p_delay_minutes => 60);
select tests.create_campaign(:'a') as c_email \gset
select tests.create_step(:'a', :'c_email', 1, 'email');

select tests.create_lead(:'a', '+13055550101') as l_queued \gset
select tests.create_lead(:'a', '+13055550102', p_timezone => 'America/Los_Angeles') as l_scheduled \gset
select tests.create_lead(:'a', '+13055550103') as l_stop \gset
select tests.create_lead(:'a', '+13055550104') as l_cool \gset
select tests.create_lead(:'a', '+13055550105', 'x@example.com') as l_not_ready \gset
select tests.record_event(:'a', :'l_stop', 'opt_out', :'now'::timestamptz - interval '1 day', 'inbound', 'sms');
select tests.record_event(:'a', :'l_cool', 'reply_negative', :'now'::timestamptz - interval '1 day', 'inbound', 'sms');
select tests.enroll(:'a', :'c', l, :'now'::timestamptz - interval '1 minute')
from unnest(array[:'l_queued', :'l_scheduled', :'l_stop', :'l_cool']::uuid[]) l;
select tests.enroll(:'a', :'c_email', :'l_not_ready', :'now'::timestamptz - interval '1 minute');

create temp table enrollments_before on commit drop as select * from public.campaign_leads where account_id = :'a';
select count(*) as events_before from public.core_memory_events where account_id = :'a' \gset

-- 07:00 in Los Angeles at 10:00 New York.
create temp table dry on commit drop as select * from public.run_touch_orchestrator(p_dry_run => true, p_now => :'now');

-- TEST: the decisions.
select set_eq(
  $$select lead_id, decision, scheduled_at, touch_run_id from dry$$,
  format($$values (%L::uuid, 'queued'::text, %L::timestamptz, null::uuid), (%L::uuid, 'scheduled', %L, null),
                  (%L::uuid, 'stop_lead', null, null), (%L::uuid, 'wait_cooldown', null, null),
                  (%L::uuid, 'skip_channel_not_ready', null, null)$$,
         :'l_queued', :'now', :'l_scheduled', tests.local_at(1, '08:00', 'America/Los_Angeles'),
         :'l_stop', :'l_cool', :'l_not_ready'),
  'dry run: queued, scheduled, stop_lead, wait_cooldown, skip_channel_not_ready, and no touch ids');

-- TEST: nothing written.
select is((select count(*)::int from public.touch_runs where account_id = :'a'), 0, 'no touch_runs');
select is((select count(*)::int from graphile_worker.jobs where task_identifier = 'dispatch_touch'), 0, 'no dispatch jobs');
select is((select count(*)::int from public.core_memory_events where account_id = :'a'), :'events_before'::int, 'no memory events');
select is((select count(*)::int from public.account_events where account_id = :'a'), 0, 'no account events');
select set_eq(
  format($$select campaign_id, lead_id, status, current_step, next_step_at, stopped_at, stop_reason from public.campaign_leads where account_id = %L$$, :'a'),
  $$select campaign_id, lead_id, status, current_step, next_step_at, stopped_at, stop_reason from enrollments_before$$,
  'enrollments unchanged');

-- TEST: the real run decides the same.
create temp table real_run on commit drop as select * from public.run_touch_orchestrator(p_now => :'now');
select set_eq(
  $$select account_id, lead_id, campaign_id, step, channel, decision, scheduled_at from real_run$$,
  $$select account_id, lead_id, campaign_id, step, channel, decision, scheduled_at from dry$$,
  'a real run at the same instant returns the same decisions');

select * from finish();
rollback;
