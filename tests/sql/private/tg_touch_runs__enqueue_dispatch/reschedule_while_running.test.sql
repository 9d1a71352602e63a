-- A touch that becomes due while its account's dispatch job for that second is
-- already running (locked) is not lost: the key passes to a fresh job. claim_touch
-- rescheduling from inside a running batch wakes a job at the new time.
begin;
select plan(4);

select tests.local_at(1, '21:00') as night \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'night'::timestamptz - interval '1 minute') as t \gset
select job_id as running from tests.dispatch_jobs(:'t') \gset
-- A worker has picked the job up.
update graphile_worker._private_jobs set locked_at = now(), locked_by = 'worker-1' where id = :'running';

-- TEST: a touch due in the same second, inserted now, gets a fresh job under the key.
select tests.create_touch(:'a', :'l2', null, 1, 'sms', 1, :'night'::timestamptz - interval '1 minute') as t2 \gset
select results_eq(
  format($$select count(*)::int, bool_and(j.locked_at is null) from tests.dispatch_jobs(%L) d
           join graphile_worker.jobs j on j.id = d.job_id$$, :'t2'),
  $$values (1, true)$$,
  'the key now belongs to an unlocked job, not the running one');

-- TEST: the claim reschedules to 08:00 tomorrow.
select is(brain.claim_touch(:'t', 'worker-1', :'night') ->> 'outcome', 'rescheduled', 'outside the window: rescheduled');

-- TEST: a fresh, available job wakes the account at the new time.
select results_eq(
  format($$select d.run_at, j.locked_at is null from tests.dispatch_jobs(%L) d join graphile_worker.jobs j on j.id = d.job_id$$, :'t'),
  format($$values (%L::timestamptz, true)$$, tests.local_at(2, '08:00')),
  'an unlocked job at the window start');
select isnt((select job_id from tests.dispatch_jobs(:'t')), :'running'::bigint,
  'it is not the running job (which completes without taking the reschedule with it)');

select * from finish();
rollback;
