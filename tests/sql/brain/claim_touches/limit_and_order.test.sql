-- One transaction claims up to p_limit due touches of one account, oldest first; a
-- touch not yet due, another account's touch and touches beyond the limit stay
-- untouched. A full batch queues the next batch at once; a partial one does not.
begin;
select plan(9);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.set_all_providers(:'a');
select tests.set_all_providers(:'b');
update public.account_provider_settings set config = config || '{"max_per_second": 1000}' where account_id in (:'a', :'b');
create temp table touches on commit drop as
select n, tests.create_touch(:'a', tests.create_lead(:'a', '+1305555' || (1100 + n)), null, 1, 'sms', 1,
                             :'now'::timestamptz - make_interval(mins => 10 - n)) as id
from generate_series(1, 5) n;
select tests.create_touch(:'a', tests.create_lead(:'a', '+13055551200'), null, 1, 'sms', 1, :'now'::timestamptz + interval '1 hour') as not_due \gset
select tests.create_touch(:'b', tests.create_lead(:'b', '+13055551300'), null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour') as other \gset
delete from graphile_worker._private_jobs;

create temp table first_batch on commit drop as
select row_number() over () as i, c.* from brain.claim_touches(:'a', 3, 'worker-1', :'now') c;

-- TEST: the limit, oldest first, all claimed.
select results_eq(
  $$select f.touch_run_id, f.claim ->> 'outcome' from first_batch f order by i$$,
  $$select id, 'claimed' from touches where n <= 3 order by n$$,
  'three of five due touches, oldest first, each claimed');
select is(
  (select count(*)::int from public.touch_runs t join first_batch f on f.touch_run_id = t.id
   where t.status = 'sending' and t.claimed_by = 'worker-1'),
  3, 'they are sending, claimed by worker-1');
select is(
  (select count(*)::int from public.outbound_messages m join first_batch f on f.touch_run_id = m.touch_run_id),
  3, 'each has its outbound message (the intent, before any provider call)');
select is(
  (select count(*)::int from public.touch_runs where account_id = :'a' and status = 'scheduled'),
  3, 'the other two due touches and the one not due wait');

-- TEST: a full batch queues the next one now.
select results_eq(
  $$select task_identifier, run_at from graphile_worker.jobs$$,
  format($$values ('dispatch_touches'::text, %L::timestamptz)$$, :'now'),
  'a full batch queues dispatch_touches for the account at p_now');

-- TEST: the next batch takes the rest and stops: no further job.
delete from graphile_worker._private_jobs;
select results_eq(
  format($$select touch_run_id from brain.claim_touches(%L, 3, 'worker-2', %L)$$, :'a', :'now'),
  $$select id from touches where n > 3 order by n$$,
  'the next batch claims the remaining two due touches');
select is((select count(*)::int from graphile_worker.jobs), 0, 'a partial batch queues nothing');

-- TEST: what is not due, or another account's, is not claimed.
select is(
  (select array_agg(status order by id = :'not_due') from public.touch_runs where id in (:'not_due', :'other')),
  array['scheduled', 'scheduled'], 'the touch due later and the other account''s touch are untouched');

-- TEST: bad arguments are refused.
select throws_ok(format($$select * from brain.claim_touches(%L, 0)$$, :'a'), '22023', 'invalid_argument',
  'a limit below 1 is refused');

select * from finish();
rollback;
