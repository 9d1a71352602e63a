-- A lead without the address the step's channel needs is skip_unreachable and
-- the step is passed over.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c_email \gset
select tests.create_step(:'a', :'c_email', 1, 'email', p_subject => 'Hi');
select tests.create_step(:'a', :'c_email', 2, 'sms', p_delay_minutes => 30);
select tests.create_campaign(:'a') as c_sms \gset
select tests.create_step(:'a', :'c_sms', 1, 'sms');

select tests.create_lead(:'a', '+13055550101') as l_no_email \gset
select tests.create_lead(:'a', '+13055550102', 'has@example.com') as l_email \gset
select tests.create_lead(:'a', null, 'nophone@example.com') as l_no_phone \gset
select tests.enroll(:'a', :'c_email', :'l_no_email', :'now'::timestamptz - interval '1 minute');
select tests.enroll(:'a', :'c_email', :'l_email', :'now'::timestamptz - interval '1 minute');
select tests.enroll(:'a', :'c_sms', :'l_no_phone', :'now'::timestamptz - interval '1 minute');

create temp table r on commit drop as select * from public.run_touch_orchestrator(p_now => :'now');

-- TEST: decisions.
select set_eq(
  $$select lead_id, channel, decision from r$$,
  format($$values (%L::uuid, 'email'::text, 'skip_unreachable'::text), (%L::uuid, 'email', 'queued'), (%L::uuid, 'sms', 'skip_unreachable')$$,
         :'l_no_email', :'l_email', :'l_no_phone'),
  'no email for an email step, no phone for an SMS step: skip_unreachable');
select set_eq(
  format($$select lead_id from public.touch_runs where account_id = %L$$, :'a'),
  format($$values (%L::uuid)$$, :'l_email'),
  'only the reachable lead gets a touch');

-- TEST: the step is passed over.
select results_eq(
  format($$select status, current_step, next_step_at from public.campaign_leads where lead_id = %L$$, :'l_no_email'),
  format($$values ('active'::text, 2, %L::timestamptz)$$, :'now'::timestamptz + interval '30 minutes'),
  'the unreachable lead moves on to the SMS step');
select results_eq(
  format($$select status, stop_reason from public.campaign_leads where lead_id = %L$$, :'l_no_phone'),
  $$values ('completed'::text, 'all_steps_started'::text)$$,
  'an unreachable last step completes the enrollment');
select is((select count(*)::int from public.account_events where account_id = :'a'), 0,
  'unreachable is not a channel-readiness event');

select * from finish();
rollback;
