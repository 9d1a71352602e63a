-- Only scheduled and queued touches are dispatched: a canceled (or otherwise
-- final) touch wakes no job, and canceling a touch does not queue another.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset

-- TEST: inserting a canceled touch queues nothing.
insert into public.touch_runs (account_id, lead_id, channel, status, scheduled_at)
values (:'a', :'lead', 'sms', 'canceled', :'now')
returning id as canceled \gset
select is((select count(*)::int from tests.dispatch_jobs(:'canceled')), 0, 'a canceled touch has no job');

-- TEST: nor does a touch inserted already sent or failed.
insert into public.touch_runs (account_id, lead_id, channel, attempt, status, scheduled_at)
values (:'a', :'lead', 'sms', 2, 'sent', :'now'), (:'a', :'lead', 'sms', 3, 'failed', :'now');
select is(
  (select count(*)::int from graphile_worker.jobs where task_identifier in ('dispatch_touch', 'dispatch_touches')),
  0, 'sent and failed touches queue nothing');

-- TEST: canceling a scheduled touch adds no job (the job stays, and finds nothing due).
insert into public.touch_runs (account_id, lead_id, channel, attempt, status, scheduled_at)
values (:'a', :'lead', 'voice', 1, 'scheduled', :'now')
returning id as later_canceled \gset
update public.touch_runs set status = 'canceled', scheduled_at = :'now'::timestamptz + interval '1 hour'
where id = :'later_canceled';
select is(
  (select array_agg(run_at) from graphile_worker.jobs where task_identifier = 'dispatch_touches'),
  array[:'now'::timestamptz], 'a touch canceled (and moved) leaves the one job where it was');
select is(
  (select count(*)::int from graphile_worker.jobs where task_identifier in ('dispatch_touch', 'dispatch_touches')),
  1, 'only that touch ever woke a job');

select * from finish();
rollback;
