-- v_sequence_enrollments_v1: one row per run with why it waits; the API and analysts see
-- their own account's runs only, and the API cannot act on another account's run.
begin;
select plan(5);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'b', '+13055550102') as lb \gset
select tests.create_sequence(:'a', 'manual', '[{"delay_amount": 1, "body": "Hi"}]', true, null, 'A seq') as s \gset
select tests.create_sequence(:'b', 'manual', '[{"delay_amount": 1, "body": "Hi"}]', true, null, 'B seq') as sb \gset
select brain.start_sequence(:'l', :'s', 'manual', 'user:x') ->> 'enrollment_id' as e \gset
select brain.start_sequence(:'lb', :'sb', 'manual', 'user:x') ->> 'enrollment_id' as eb \gset
update public.leads set first_name = 'Ana' where id = :'l';
select brain.pause_lead_sequences(array[:'l']::uuid[], 'missing_lead_data:last_name');

-- TEST: the row and its sentence.
select results_eq(format($$select lead_name, sequence_name, status, current_step, step_count, next_channel, paused_reason, why
                           from public.v_sequence_enrollments_v1 where enrollment_id = %L$$, :'e'),
  $$values ('Ana'::text, 'A seq'::text, 'paused'::text, 1, 1, 'sms'::text, 'missing_lead_data:last_name'::text,
            'paused: the lead has no last_name; fill it in, then Resume'::text)$$, 'paused with the reason in words');

-- TEST: the API sees its account only, and cannot resume another account's run.
select tests.act_as('revenue_api', :'a');
select is((select count(*)::int from public.v_sequence_enrollments_v1), 1, 'the API sees one run');
select throws_ok(format($$select public.resume_sequence_enrollment(%L, 'user:x')$$, :'eb'), 'P0002', 'enrollment_not_found', 'another account''s run is not found');
select throws_ok(format($$select brain.resume_enrollments(array[%L]::uuid[], 'user:x')$$, :'eb'), '42501', null, 'the API cannot call brain.resume_enrollments');
reset role;
select tests.act_as('revenue_analyst', null);
select is((select count(*)::int from public.v_sequence_enrollments_v1), 0, 'an analyst bound to no account sees none');
reset role;

select * from finish();
rollback;
