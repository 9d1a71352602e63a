-- A known variable with no value and no default: the touch is not sent, it is canceled
-- with missing_lead_data:<variable>, and the enrollment pauses with that reason until a
-- person fixes the lead and resumes it; then the step goes out, rendered literally.
begin;
select plan(18);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
update public.org_settings set business_name = 'Level 5 Motors' where account_id = :'a';
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms', p_body => 'Hi {{first_name}}, {{business_name}} here about your {{vehicle|car}}.');
select tests.create_step(:'a', :'c', 2, 'sms', p_delay_minutes => 60, p_body => 'Still there, {{first_name|friend}}?');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz - interval '1 minute');

select touch_run_id as t from public.run_touch_orchestrator(p_now => :'now') where lead_id = :'l' \gset
select brain.claim_touch(:'t', 'worker-1', :'now') as r \gset

-- TEST: the touch is canceled, nothing is sent.
select is(:'r'::jsonb - 'touch_run_id', '{"outcome": "canceled", "reason": "missing_lead_data:first_name"}'::jsonb,
  'claim: canceled, naming the missing variable');
select results_eq(format($$select status, error_code, error_message from public.touch_runs where id = %L$$, :'t'),
  $$values ('canceled'::text, 'missing_lead_data:first_name'::text, 'not sent: the lead has no first_name and the template gives no default'::text)$$,
  'the touch row says why');
select is((select count(*)::int from public.outbound_messages where lead_id = :'l'), 0, 'no outbound message, no blank "Hi ,"');

-- TEST: the enrollment pauses at the step, with the reason.
select results_eq(format($$select status, current_step, stop_reason, paused_at, stopped_at from public.campaign_leads where lead_id = %L$$, :'l'),
  format($$values ('paused'::text, 1, 'missing_lead_data:first_name'::text, %L::timestamptz, null::timestamptz)$$, :'now'),
  'enrollment paused at step 1 with missing_lead_data:first_name');
select is((select count(*)::int from public.run_touch_orchestrator(p_now => :'now'::timestamptz + interval '2 hours') where lead_id = :'l'), 0,
  'a paused enrollment is not advanced by the orchestrator');

-- TEST: the timeline shows it.
select is(
  (select summary from public.lead_timeline(:'l') where event_type = 'touch_canceled'),
  'dispatch_touch · missing_lead_data:first_name', 'the timeline names the reason on touch_canceled');
select is(
  (select count(*)::int from public.lead_timeline(:'l') where event_type = 'enrollment_paused' and summary like '%missing_lead_data:first_name'),
  1, 'and records the pause');

-- TEST: resuming before the lead is fixed is refused, naming the variable.
select is(tests.error_of(format($$select public.resume_campaign_lead(%L, %L, 'ops@example.com', %L)$$, :'c', :'l', :'now')) - 'hint',
  '{"code": "P0001", "message": "missing_lead_data", "detail": "step 1 still cannot be sent to this lead (missing_lead_data:first_name): fill in the lead, or give the placeholder a default such as {{first_name|there}}"}'::jsonb,
  'resume refused while the first name is missing');

-- TEST: a person fixes the lead (a name with characters that must stay literal) and resumes.
update public.leads set first_name = 'Ana \1 & {{city}} <b>' where id = :'l';
select is((select status || ':' || coalesce(stop_reason, '-') from public.resume_campaign_lead(:'c', :'l', 'ops@example.com', :'now'::timestamptz + interval '1 hour')),
  'active:-', 'resume: active again, reason cleared');
select results_eq(format($$select current_step, next_step_at from public.campaign_leads where lead_id = %L$$, :'l'),
  format($$values (1, %L::timestamptz)$$, :'now'::timestamptz + interval '1 hour'), 'due now, from the step that failed');
select is((select payload ->> 'previous_reason' from public.core_memory_events where lead_id = :'l' and event_type = 'enrollment_resumed'),
  'missing_lead_data:first_name', 'enrollment_resumed records what was fixed');
select throws_ok(format($$select public.resume_campaign_lead(%L, %L)$$, :'c', :'l'), 'P0001', 'enrollment_not_paused',
  'an active enrollment cannot be resumed');

-- TEST: the step is planned again as the next attempt and sent literally.
select touch_run_id as t2 from public.run_touch_orchestrator(p_now => :'now'::timestamptz + interval '1 hour') where lead_id = :'l' \gset
select results_eq(format($$select step, attempt, status from public.touch_runs where id = %L$$, :'t2'),
  $$values (1, 2, 'queued'::text)$$, 'step 1 again, attempt 2');
select brain.claim_touch(:'t2', 'worker-1', :'now'::timestamptz + interval '1 hour') as r2 \gset
select is(:'r2'::jsonb ->> 'outcome', 'claimed', 'claimed');
select is(:'r2'::jsonb -> 'send' ->> 'body', 'Hi Ana \1 & {{city}} <b>, Level 5 Motors here about your car.',
  'the name appears as typed; vehicle falls back to its default');
select is((select body from public.outbound_messages where touch_run_id = :'t2'),
  'Hi Ana \1 & {{city}} <b>, Level 5 Motors here about your car.', 'the outbound message holds the same text');
select is((select send_key from public.touch_runs where id = :'t2'), brain.send_key(:'l', :'c', 1, 'sms', 2),
  'a new send intent (attempt 2): the canceled one never had a send key');
select is((select status from public.campaign_leads where lead_id = :'l'), 'active', 'the enrollment runs on to step 2');

select * from finish();
rollback;
