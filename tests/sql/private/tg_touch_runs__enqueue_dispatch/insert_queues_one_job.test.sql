-- A touch inserted as scheduled or queued gets exactly one dispatch_touch job,
-- keyed dispatch_touch:<id>, carrying the touch id, running at scheduled_at.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset

insert into public.touch_runs (account_id, lead_id, channel, status, scheduled_at)
values (:'a', :'lead', 'sms', 'scheduled', :'now'::timestamptz + interval '3 hours')
returning id as t_scheduled \gset
insert into public.touch_runs (account_id, lead_id, channel, status, scheduled_at)
values (:'a', :'lead', 'voice', 'queued', :'now')
returning id as t_queued \gset

-- TEST: a scheduled touch: one job at scheduled_at.
select results_eq(
  format($$select run_at, job_key, touch_run_id from tests.dispatch_jobs(%L)$$, :'t_scheduled'),
  format($$values (%L::timestamptz, %L::text, %L::text)$$,
         :'now'::timestamptz + interval '3 hours', 'dispatch_touch:' || :'t_scheduled', :'t_scheduled'),
  'scheduled touch: exactly one dispatch_touch job, keyed by the touch, at scheduled_at');

-- TEST: a queued touch: one job at scheduled_at.
select results_eq(
  format($$select run_at, job_key, touch_run_id from tests.dispatch_jobs(%L)$$, :'t_queued'),
  format($$values (%L::timestamptz, %L::text, %L::text)$$, :'now', 'dispatch_touch:' || :'t_queued', :'t_queued'),
  'queued touch: exactly one dispatch_touch job, keyed by the touch, at scheduled_at');

-- TEST: the job is visible in graphile_worker.jobs as a dispatch_touch job.
select is(
  (select count(*)::int from graphile_worker.jobs j
   where j.task_identifier = 'dispatch_touch' and j.key in ('dispatch_touch:' || :'t_scheduled', 'dispatch_touch:' || :'t_queued')),
  2, 'graphile_worker.jobs lists both jobs under task dispatch_touch');
select is(
  (select count(*)::int from graphile_worker.jobs j where j.task_identifier = 'dispatch_touch'),
  2, 'and no other dispatch_touch job was queued');

-- TEST: an update that moves neither status nor time queues nothing new.
update public.touch_runs set payload = '{"meta": {"note": "edited"}}' where id = :'t_scheduled';
select is((select count(*)::int from tests.dispatch_jobs(:'t_scheduled')), 1, 'editing the payload adds no job');
select is((select run_at from tests.dispatch_jobs(:'t_scheduled')), :'now'::timestamptz + interval '3 hours',
  'and leaves run_at where it was');

select * from finish();
rollback;
