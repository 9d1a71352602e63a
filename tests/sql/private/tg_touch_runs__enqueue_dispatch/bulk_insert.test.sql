-- The trigger runs per statement and coalesces: a 100-row insert of touches due at
-- the same moment queues one job per account, not 100.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset
select tests.create_lead(:'b', '+13055550101') as lead_b \gset

-- TEST: 100 touches of one account due now: one job.
insert into public.touch_runs (account_id, lead_id, channel, attempt, status, scheduled_at)
select :'a', :'lead', 'sms', n, case when n % 2 = 0 then 'queued' else 'scheduled' end, :'now'::timestamptz
from generate_series(1, 100) n;
select is(
  (select count(*)::int from graphile_worker.jobs where task_identifier = 'dispatch_touches'),
  1, 'a 100-row insert due at one moment queues one dispatch_touches job');

-- TEST: one statement over two accounts: one job each.
insert into public.touch_runs (account_id, lead_id, channel, attempt, status, scheduled_at)
select x.acc, x.lead, 'voice', n, 'queued', :'now'::timestamptz + interval '1 hour'
from generate_series(1, 50) n, (values (:'a'::uuid, :'lead'::uuid), (:'b'::uuid, :'lead_b'::uuid)) x(acc, lead);
select is(
  (select array_agg(split_part(key, ':', 2) order by split_part(key, ':', 2)) from graphile_worker.jobs
   where task_identifier = 'dispatch_touches' and run_at = :'now'::timestamptz + interval '1 hour'),
  (select array_agg(x order by x) from unnest(array[:'a'::text, :'b'::text]) x),
  'touches of two accounts in one statement: one job per account');

-- TEST: spread over 100 minutes: one job per second they are due, each at its touch's time.
create temp table spread on commit drop as
with ins as (
  insert into public.touch_runs (account_id, lead_id, channel, attempt, status, scheduled_at)
  select :'a', :'lead', 'whatsapp', n, 'scheduled', :'now'::timestamptz + make_interval(mins => n)
  from generate_series(1, 100) n
  returning id, scheduled_at
)
select * from ins;
select is(
  (select count(*)::int from spread s where (select count(*) from tests.dispatch_jobs(s.id)) = 1),
  100, 'each touch due in its own second has its own job');
select is_empty(
  $$select s.id from spread s join tests.dispatch_jobs(s.id) j on true where j.run_at <> s.scheduled_at$$,
  'each job runs at its touch''s scheduled_at');

-- TEST: touches due within one second share a job that runs at the earliest of them.
insert into public.touch_runs (account_id, lead_id, channel, attempt, status, scheduled_at)
select :'a', :'lead', 'email', n, 'queued', :'now'::timestamptz + interval '2 hours' + make_interval(secs => n / 10.0)
from generate_series(1, 9) n;
select results_eq(
  format($$select count(*)::int, min(run_at) from graphile_worker.jobs where task_identifier = 'dispatch_touches' and key = %L$$,
         'dispatch_touches:' || :'a' || ':' || extract(epoch from :'now'::timestamptz + interval '2 hours')::bigint),
  format($$values (1, %L::timestamptz)$$, :'now'::timestamptz + interval '2 hours 100 milliseconds'),
  'nine touches within one second: one job, at the earliest');

select * from finish();
rollback;
