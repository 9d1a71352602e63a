-- The trigger is security definer: the worker and the API role queue jobs by
-- inserting touches, without any right on graphile_worker themselves.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset

-- TEST: the API role has no direct access to graphile_worker.
select tests.act_as('revenue_api', :'a');
select throws_ok(
  $$select count(*) from graphile_worker.jobs$$,
  '42501', null, 'revenue_api cannot read graphile_worker.jobs itself');
reset role;

-- TEST: revenue_api inserts a touch of its account: the job is queued.
select tests.act_as('revenue_api', :'a');
select lives_ok(
  format($$insert into public.touch_runs (account_id, lead_id, channel, attempt, status, scheduled_at)
           values (%L, %L, 'sms', 1, 'queued', %L)$$, :'a', :'lead', :'now'),
  'revenue_api inserts a queued touch');
reset role;
select id as t_api from public.touch_runs where lead_id = :'lead' and attempt = 1 \gset
select results_eq(
  format($$select run_at, job_key from tests.dispatch_jobs(%L)$$, :'t_api'),
  format($$values (%L::timestamptz, %L::text)$$, :'now', 'dispatch_touches:' || :'a' || ':' || extract(epoch from :'now'::timestamptz)::bigint),
  'its dispatch job exists');

-- TEST: revenue_worker inserts a scheduled touch: the job is queued.
select tests.act_as('revenue_worker', null);
select lives_ok(
  format($$insert into public.touch_runs (account_id, lead_id, channel, attempt, status, scheduled_at)
           values (%L, %L, 'sms', 2, 'scheduled', %L)$$, :'a', :'lead', :'now'::timestamptz + interval '2 hours'),
  'revenue_worker inserts a scheduled touch');
reset role;
select id as t_worker from public.touch_runs where lead_id = :'lead' and attempt = 2 \gset
select results_eq(
  format($$select run_at, job_key from tests.dispatch_jobs(%L)$$, :'t_worker'),
  format($$values (%L::timestamptz, %L::text)$$, :'now'::timestamptz + interval '2 hours',
         'dispatch_touches:' || :'a' || ':' || extract(epoch from :'now'::timestamptz + interval '2 hours')::bigint),
  'its dispatch job exists');

select * from finish();
rollback;
