-- A suppression of the step's channel only (an email bounce) skips that step
-- (skip_channel_suppressed) without stopping the lead.
begin;
select plan(3);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'email', p_subject => 'Hi');
select tests.create_step(:'a', :'c', 2, 'sms', p_delay_minutes => 30);
select tests.create_lead(:'a', '+13055550101', 'bounced@example.com') as l \gset
insert into public.suppressions (account_id, channel, email, reason, created_at)
values (:'a', 'email', 'bounced@example.com', 'bounce', :'now'::timestamptz - interval '1 day');
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz - interval '1 minute');

create temp table r on commit drop as select * from public.run_touch_orchestrator(p_now => :'now');

-- TEST: the email step is skipped, the lead is not stopped.
select results_eq($$select decision, touch_run_id from r$$, $$values ('skip_channel_suppressed'::text, null::uuid)$$,
  'email suppressed: skip_channel_suppressed');
select results_eq(
  format($$select status, current_step from public.campaign_leads where lead_id = %L$$, :'l'),
  $$values ('active'::text, 2)$$, 'the enrollment stays active and moves to step 2');
select is(
  (select decision from public.run_touch_orchestrator(p_now => :'now'::timestamptz + interval '30 minutes') where lead_id = :'l'),
  'queued', 'the SMS step is sent');

select * from finish();
rollback;
