-- A touch inserted as scheduled or queued wakes its account's batched dispatch: one
-- dispatch_touches job {account_id} per account and second it is due, keyed
-- dispatch_touches:<account>:<epoch second>, running at scheduled_at. No job per touch.
begin;
select plan(7);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset

insert into public.touch_runs (account_id, lead_id, channel, status, scheduled_at)
values (:'a', :'lead', 'sms', 'scheduled', :'now'::timestamptz + interval '3 hours')
returning id as t_scheduled \gset
insert into public.touch_runs (account_id, lead_id, channel, status, scheduled_at)
values (:'a', :'lead', 'voice', 'queued', :'now')
returning id as t_queued \gset

-- TEST: a scheduled touch: its account's job at scheduled_at.
select results_eq(
  format($$select run_at, job_key from tests.dispatch_jobs(%L)$$, :'t_scheduled'),
  format($$values (%L::timestamptz, %L::text)$$, :'now'::timestamptz + interval '3 hours',
         'dispatch_touches:' || :'a' || ':' || extract(epoch from :'now'::timestamptz + interval '3 hours')::bigint),
  'scheduled touch: one dispatch_touches job, keyed by account and second, at scheduled_at');

-- TEST: a queued touch: its account's job at scheduled_at.
select results_eq(
  format($$select run_at, job_key from tests.dispatch_jobs(%L)$$, :'t_queued'),
  format($$values (%L::timestamptz, %L::text)$$, :'now', 'dispatch_touches:' || :'a' || ':' || extract(epoch from :'now'::timestamptz)::bigint),
  'queued touch: one dispatch_touches job at scheduled_at');

-- TEST: the jobs name the account, and no job per touch is queued.
select is(
  (select array_agg(distinct split_part(key, ':', 2)) from graphile_worker.jobs j where j.task_identifier = 'dispatch_touches'),
  array[:'a'::text], 'the dispatch_touches jobs name the account');
select is(
  (select count(*)::int from graphile_worker.jobs j where j.task_identifier = 'dispatch_touch'),
  0, 'no dispatch_touch job per touch');

-- TEST: another touch due in the same second rides on the same job.
insert into public.touch_runs (account_id, lead_id, channel, attempt, status, scheduled_at)
values (:'a', :'lead', 'sms', 2, 'queued', :'now'::timestamptz + interval '300 milliseconds')
returning id as t_same \gset
select is(
  (select count(*)::int from graphile_worker.jobs j where j.task_identifier = 'dispatch_touches'),
  2, 'a second touch in the same second adds no job');

-- TEST: an update that moves neither status nor time queues nothing new.
update public.touch_runs set payload = '{"meta": {"note": "edited"}}' where id = :'t_scheduled';
select is((select count(*)::int from tests.dispatch_jobs(:'t_scheduled')), 1, 'editing the payload adds no job');
select is((select run_at from tests.dispatch_jobs(:'t_scheduled')), :'now'::timestamptz + interval '3 hours',
  'and leaves run_at where it was');

select * from finish();
rollback;
