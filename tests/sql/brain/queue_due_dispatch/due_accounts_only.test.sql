-- The crontab safety net: every account with a touch due gets a dispatch_touches job
-- now; an account whose touches are due later, or final, gets none.
begin;
select plan(3);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_account() as c \gset
select tests.create_touch(:'a', tests.create_lead(:'a', '+13055550101'), null, 1, 'sms', 1, :'now'::timestamptz - interval '5 minutes');
select tests.create_touch(:'a', tests.create_lead(:'a', '+13055550102'), null, 1, 'sms', 1, :'now'::timestamptz - interval '3 minutes');
select tests.create_touch(:'b', tests.create_lead(:'b', '+13055550103'), null, 1, 'sms', 1, :'now'::timestamptz + interval '1 hour');
select tests.create_touch(:'c', tests.create_lead(:'c', '+13055550104'), null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour') as final \gset
update public.touch_runs set status = 'canceled' where id = :'final';
delete from graphile_worker._private_jobs;

-- TEST: one account has touches due.
select is(brain.queue_due_dispatch(:'now'), 1, 'one account has touches due');
select results_eq(
  $$select split_part(key, ':', 2), run_at from graphile_worker.jobs where task_identifier = 'dispatch_touches'$$,
  format($$values (%L::text, %L::timestamptz)$$, :'a', :'now'),
  'its dispatch_touches job runs now');

-- TEST: run again in the same second, it adds no second job.
select brain.queue_due_dispatch(:'now');
select is((select count(*)::int from graphile_worker.jobs), 1, 'the same second''s job is reused (job key)');

select * from finish();
rollback;
