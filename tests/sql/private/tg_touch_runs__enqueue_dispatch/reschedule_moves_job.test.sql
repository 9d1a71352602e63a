-- A reschedule moves the same job (job_key replace): one job per touch, new run_at.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset

insert into public.touch_runs (account_id, lead_id, channel, status, scheduled_at)
values (:'a', :'lead', 'sms', 'scheduled', :'now')
returning id as t \gset
select job_id as job_before from tests.dispatch_jobs(:'t') \gset

-- TEST: moving scheduled_at moves the job.
update public.touch_runs set scheduled_at = :'now'::timestamptz + interval '1 day' where id = :'t';
select is((select count(*)::int from tests.dispatch_jobs(:'t')), 1, 'still exactly one job after a reschedule');
select is((select run_at from tests.dispatch_jobs(:'t')), :'now'::timestamptz + interval '1 day',
  'its run_at is the new scheduled_at');
select is((select job_id from tests.dispatch_jobs(:'t')), :'job_before'::bigint, 'it is the same job, not a second one');

-- TEST: queued → scheduled later (what claim_touch does outside the send window) moves it again.
insert into public.touch_runs (account_id, lead_id, channel, status, scheduled_at)
values (:'a', :'lead', 'voice', 'queued', :'now')
returning id as q \gset
update public.touch_runs set status = 'scheduled', scheduled_at = :'now'::timestamptz + interval '22 hours' where id = :'q';
select results_eq(
  format($$select count(*)::int, max(run_at) from tests.dispatch_jobs(%L)$$, :'q'),
  format($$values (1, %L::timestamptz)$$, :'now'::timestamptz + interval '22 hours'),
  'queued → scheduled at a later time: the one job moves to the new time');

-- TEST: many reschedules in one statement still leave one job per touch.
update public.touch_runs set scheduled_at = scheduled_at + interval '5 minutes' where lead_id = :'lead';
select is(
  (select count(*)::int from graphile_worker.jobs where task_identifier = 'dispatch_touch'),
  2, 'two touches rescheduled together: still two jobs');
select is(
  (select run_at from tests.dispatch_jobs(:'q')), :'now'::timestamptz + interval '22 hours 5 minutes',
  'each job follows its touch');

select * from finish();
rollback;
