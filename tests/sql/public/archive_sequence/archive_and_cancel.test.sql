-- Archiving a sequence cancels its running runs and withdraws their queued steps; a
-- person's cancel does the same for one run.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select set_config('app.account_id', :'a', true);
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.create_sequence(:'a', 'manual', '[{"body": "Hi"}, {"delay_amount": 1, "body": "Again"}]') as s \gset
select brain.start_sequence(:'l', :'s', 'manual', 'user:x', null, null, :'now') ->> 'enrollment_id' as e \gset
select brain.start_sequence(:'l2', :'s', 'manual', 'user:x', null, null, :'now') ->> 'enrollment_id' as e2 \gset
select brain.run_due_sequence_steps(100, :'now');

-- TEST: a person cancels one run: its queued step is withdrawn.
select is(public.cancel_sequence_enrollment(:'e', 'user:setter@example.com', :'now') ->> 'changed', 'true', 'canceled');
select results_eq(format($$select e.status, t.status, t.error_code from public.sequence_enrollments e join public.touch_runs t on t.sequence_enrollment_id = e.id where e.id = %L$$, :'e'),
  $$values ('canceled'::text, 'canceled'::text, 'enrollment_canceled'::text)$$, 'the run and its touch are canceled');
-- TEST: archiving cancels the rest.
select is(public.archive_sequence(:'s', 'user:owner@example.com', :'now') ->> 'enrollments_canceled', '1', 'one running run canceled');
select results_eq(format($$select e.status, e.ended_reason, t.status from public.sequence_enrollments e join public.touch_runs t on t.sequence_enrollment_id = e.id where e.id = %L$$, :'e2'),
  $$values ('canceled'::text, 'sequence_archived'::text, 'canceled'::text)$$, 'ended: sequence_archived, its step withdrawn');

select * from finish();
rollback;
