-- brain.start_sequence: one running run per lead and sequence; suppressed, archived or
-- closed leads and inactive sequences do not start; no steps, no run.
begin;
select plan(7);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'a', '+13055550102') as l_supp \gset
select tests.create_lead(:'a', '+13055550103') as l_arch \gset
update public.leads set status = 'suppressed' where id = :'l_supp';
update public.leads set status = 'archived' where id = :'l_arch';
select tests.create_sequence(:'a', 'manual', '[{"delay_amount": 1, "body": "Hi"}]') as s \gset
select tests.create_sequence(:'a', 'manual', '[{"body": "Hi"}]', false) as s_off \gset
select tests.create_sequence(:'a', 'manual', '[]') as s_empty \gset

-- TEST: started once; the second start answers the same run.
select brain.start_sequence(:'l', :'s', 'manual', 'user:x') ->> 'enrollment_id' as e \gset
select is(brain.start_sequence(:'l', :'s', 'manual', 'user:y') - 'enrollment_id', '{"started": false, "reason": "already_running"}'::jsonb, 'already running');
select is((select count(*)::int from public.sequence_enrollments where lead_id = :'l'), 1, 'one run');
-- TEST: refusals.
select is(brain.start_sequence(:'l_supp', :'s', 'manual', 'user:x') ->> 'reason', 'lead_suppressed', 'a suppressed lead does not start');
select is(brain.start_sequence(:'l_arch', :'s', 'manual', 'user:x') ->> 'reason', 'lead_archived', 'an archived lead does not start');
select is(brain.start_sequence(:'l', :'s_off', 'manual', 'user:x') ->> 'reason', 'sequence_inactive', 'an inactive sequence does not start');
select is(brain.start_sequence(:'l', :'s_empty', 'manual', 'user:x') ->> 'reason', 'no_steps', 'no steps, no run');
-- TEST: once ended, it may start again.
select set_config('app.account_id', :'a', true);
select public.cancel_sequence_enrollment(:'e', 'user:x');
select is(brain.start_sequence(:'l', :'s', 'manual', 'user:x') ->> 'started', 'true', 'after a cancel it starts again');

select * from finish();
rollback;
