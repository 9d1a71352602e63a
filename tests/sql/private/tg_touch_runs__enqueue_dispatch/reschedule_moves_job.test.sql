-- A reschedule wakes the account's dispatch at the new time (one job per second);
-- the job at the old time stays and, when it runs, finds nothing due.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset

insert into public.touch_runs (account_id, lead_id, channel, status, scheduled_at)
values (:'a', :'lead', 'sms', 'scheduled', :'now')
returning id as t \gset

-- TEST: moving scheduled_at queues a job at the new time.
update public.touch_runs set scheduled_at = :'now'::timestamptz + interval '1 day' where id = :'t';
select results_eq(
  format($$select count(*)::int, max(run_at) from tests.dispatch_jobs(%L)$$, :'t'),
  format($$values (1, %L::timestamptz)$$, :'now'::timestamptz + interval '1 day'),
  'the touch''s job runs at the new scheduled_at');

-- TEST: queued → scheduled later (what claim_touch does outside the send window) wakes it there.
insert into public.touch_runs (account_id, lead_id, channel, status, scheduled_at)
values (:'a', :'lead', 'voice', 'queued', :'now')
returning id as q \gset
update public.touch_runs set status = 'scheduled', scheduled_at = :'now'::timestamptz + interval '22 hours' where id = :'q';
select results_eq(
  format($$select count(*)::int, max(run_at) from tests.dispatch_jobs(%L)$$, :'q'),
  format($$values (1, %L::timestamptz)$$, :'now'::timestamptz + interval '22 hours'),
  'queued → scheduled at a later time: a job at the new time');

-- TEST: many reschedules in one statement: one job per account and second.
update public.touch_runs set scheduled_at = :'now'::timestamptz + interval '2 days' where lead_id = :'lead';
select is(
  (select count(*)::int from graphile_worker.jobs where task_identifier = 'dispatch_touches'
     and run_at = :'now'::timestamptz + interval '2 days'),
  1, 'two touches rescheduled to the same second: one job');
select is(
  (select count(*)::int from graphile_worker.jobs where task_identifier = 'dispatch_touches'),
  4, 'the jobs at the earlier times stay (they find nothing due)');
select is(
  (select count(*)::int from graphile_worker.jobs where task_identifier = 'dispatch_touch'),
  0, 'and no job per touch');

select * from finish();
rollback;
