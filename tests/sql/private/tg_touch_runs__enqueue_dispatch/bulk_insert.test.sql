-- The trigger runs per statement: a 100-row insert queues 100 jobs, one per touch.
begin;
select plan(3);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset

create temp table inserted on commit drop as
with ins as (
  insert into public.touch_runs (account_id, lead_id, channel, attempt, status, scheduled_at)
  select :'a', :'lead', 'sms', n, case when n % 2 = 0 then 'queued' else 'scheduled' end,
         :'now'::timestamptz + make_interval(mins => n)
  from generate_series(1, 100) n
  returning id, scheduled_at
)
select * from ins;

-- TEST: 100 touches, 100 jobs.
select is(
  (select count(*)::int from graphile_worker.jobs where task_identifier = 'dispatch_touch'),
  100, 'a 100-row insert queues 100 dispatch_touch jobs');
select is(
  (select count(*)::int from inserted i where (select count(*) from tests.dispatch_jobs(i.id)) = 1),
  100, 'each touch has exactly one job');
select is_empty(
  $$select i.id from inserted i join tests.dispatch_jobs(i.id) j on true
    where j.run_at <> i.scheduled_at or j.job_key <> 'dispatch_touch:' || i.id::text$$,
  'each job runs at its own touch''s scheduled_at under its own key');

select * from finish();
rollback;
