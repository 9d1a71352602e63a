-- claim_touch reschedules a touch from inside its own running dispatch job (out
-- of the window, rate limited, daily cap). The running job is locked, so the key
-- passes to a fresh job at the new time: the touch is dispatched again later.
begin;
select plan(3);

select tests.local_at(1, '21:00') as night \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'night'::timestamptz - interval '1 minute') as t \gset
select job_id as running from tests.dispatch_jobs(:'t') \gset
-- The worker has picked the job up.
update graphile_worker._private_jobs set locked_at = now(), locked_by = 'worker-1' where id = :'running';

-- TEST: the claim reschedules to 08:00 tomorrow.
select is(brain.claim_touch(:'t', 'worker-1', :'night') ->> 'outcome', 'rescheduled', 'outside the window: rescheduled');

-- TEST: a fresh, available job carries the key at the new time.
select results_eq(
  format($$select d.run_at, j.locked_at is null from tests.dispatch_jobs(%L) d join graphile_worker.jobs j on j.id = d.job_id
           where d.job_key = 'dispatch_touch:' || %L$$, :'t', :'t'),
  format($$values (%L::timestamptz, true)$$, tests.local_at(2, '08:00')),
  'the key now belongs to an unlocked job at the window start');
select isnt((select job_id from tests.dispatch_jobs(:'t') where job_key is not null), :'running'::bigint,
  'it is not the running job (which completes without taking the reschedule with it)');

select * from finish();
rollback;
