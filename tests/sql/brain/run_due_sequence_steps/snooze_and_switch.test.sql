-- The runner leaves a snoozed lead until the snooze ends, pauses a lead whose auto
-- follow-ups are off, and a suppressed one; a step that requires approval becomes a draft.
begin;
select plan(9);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select set_config('app.account_id', :'a', true);
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l_snooze \gset
select tests.create_lead(:'a', '+13055550102') as l_off \gset
select tests.create_lead(:'a', '+13055550103') as l_supp \gset
select tests.create_lead(:'a', '+13055550104') as l_appr \gset
select tests.create_sequence(:'a', 'manual', '[{"body": "Hi"}]') as s \gset
select tests.create_sequence(:'a', 'manual', '[{"body": "Approve me", "requires_approval": true}]') as s_appr \gset
select brain.start_sequence(x, :'s', 'manual', 'user:x', null, null, :'now') from unnest(array[:'l_snooze', :'l_off', :'l_supp']::uuid[]) x;
select brain.start_sequence(:'l_appr', :'s_appr', 'manual', 'user:x', null, null, :'now') ->> 'enrollment_id' as e_appr \gset

-- Snoozed before it was due: the step waits for the snooze's end.
select public.snooze_lead_followups(:'l_snooze', :'now'::timestamptz + interval '3 days', 'user:x', :'now'::timestamptz - interval '1 hour');
-- The switch off pauses at once.
select public.set_lead_auto_followups(:'l_off', false, 'user:x', :'now');
update public.leads set status = 'suppressed' where id = :'l_supp';

-- TEST: snooze moves the run, switch-off and suppression pause it.
select results_eq(format($$select status, next_step_at from public.sequence_enrollments where lead_id = %L$$, :'l_snooze'),
  format($$values ('active'::text, %L::timestamptz + interval '3 days')$$, :'now'), 'snoozed: due when the snooze ends');
select results_eq(format($$select status, paused_reason from public.sequence_enrollments where lead_id = %L$$, :'l_off'),
  $$values ('paused'::text, 'auto_followups_off'::text)$$, 'auto follow-ups off: paused');
select results_eq(format($$select status, paused_reason from public.sequence_enrollments where lead_id = %L$$, :'l_supp'),
  $$values ('paused'::text, 'suppressed'::text)$$, 'suppressed: paused');

create temp table r on commit drop as select * from brain.run_due_sequence_steps(100, :'now');
-- TEST: nothing goes out for them; the approval step becomes a draft.
select is((select count(*)::int from public.touch_runs), 0, 'no touch');
select results_eq('select outcome from r', $$values ('draft'::text)$$, 'one draft');
select results_eq(format($$select step_order, body, status from public.sequence_step_drafts where enrollment_id = %L$$, :'e_appr'),
  $$values (1, 'Approve me'::text, 'pending'::text)$$, 'the draft waits for a person');

-- TEST: the snooze's end: the run goes.
select results_eq(format($$select outcome from brain.run_due_sequence_steps(100, %L::timestamptz + interval '3 days') where lead_id = %L$$, :'now', :'l_snooze'),
  $$values ('queued'::text)$$, 'after the snooze the step is queued');

-- TEST: approving queues the step's touch through the same path; the switch on resumes.
select is(public.approve_sequence_draft((select id from public.sequence_step_drafts where enrollment_id = :'e_appr'), 'user:setter@example.com', null, null, :'now') ->> 'outcome',
  'approved', 'approved');
select public.set_lead_auto_followups(:'l_off', true, 'user:x', :'now');
select results_eq(format($$select status from public.sequence_enrollments where lead_id in (%L, %L) order by lead_id = %L$$, :'l_off', :'l_appr', :'l_off'),
  $$values ('completed'::text), ('active'::text)$$, 'the approved run completed; the switched-on run is active again');

select * from finish();
rollback;
