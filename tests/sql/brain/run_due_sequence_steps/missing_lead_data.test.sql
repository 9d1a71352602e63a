-- Strict variables at send time (seed 003 E9/E10): a step naming a variable the lead has no
-- value for is canceled at claim (missing_lead_data:<variable>) and the run pauses with
-- that reason, back at that step, so resuming after the fix sends it.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_sequence(:'a', 'manual', '[{"body": "Hi {{first_name}}"}, {"delay_amount": 1, "body": "Bye"}]') as s \gset
select brain.start_sequence(:'l', :'s', 'manual', 'user:x', null, null, :'now') ->> 'enrollment_id' as e \gset
select touch_run_id as t from brain.run_due_sequence_steps(100, :'now') \gset

-- TEST: canceled at claim, the run paused with the reason.
select is(tests.send_touch_now(:'t', :'now'), 'canceled', 'the claim cancels the touch');
select results_eq(format($$select status, error_code from public.touch_runs where id = %L$$, :'t'),
  $$values ('canceled'::text, 'missing_lead_data:first_name'::text)$$, 'missing_lead_data:first_name');
select results_eq(format($$select status, paused_reason, current_step from public.sequence_enrollments where id = %L$$, :'e'),
  $$values ('paused'::text, 'missing_lead_data:first_name'::text, 1)$$, 'the run is paused with that reason, back at step 1');

-- TEST: fixed and resumed, step 1 goes out again.
update public.leads set first_name = 'Ana' where id = :'l';
select set_config('app.account_id', :'a', true);
select is(public.resume_sequence_enrollment(:'e', 'user:setter@example.com', :'now'::timestamptz + interval '1 hour') ->> 'status', 'active', 'resumed');
select is((select outcome from brain.run_due_sequence_steps(100, :'now'::timestamptz + interval '1 hour')), 'queued', 'step 1 is queued again');

select * from finish();
rollback;
