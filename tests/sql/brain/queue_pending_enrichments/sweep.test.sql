-- The crontab's sweep queues enrich_leads again for accounts whose pending leads no worker
-- holds (a job that failed for good, a dead worker, a retry whose back-off passed).
begin;
select plan(4);

select tests.create_account('A') as a \gset
select tests.create_account('B') as b \gset
select tests.create_account('C') as c \gset
select tests.create_lead(:'a', '+13055550101') as la \gset
select tests.create_lead(:'b', '+13055550102') as lb \gset
select tests.create_lead(:'c', '+13055550103') as lc \gset
update public.leads set enrichment_status = 'done', enrichment_finished_at = now() where id = :'lc';
update public.leads set enrichment_lease_until = '2026-03-01 10:05+00' where id = :'lb';
-- What the insert queued is gone (the jobs ran and failed for good), and a new transaction would not remember it.
delete from graphile_worker._private_jobs;
select set_config('revenue.enrichment_queued', '', true);

create temp view enrich_jobs as
  select j.payload ->> 'account_id' as account_id, j.key
  from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
  where t.identifier = 'enrich_leads';

set local role revenue_worker;
-- TEST: only the account whose pending lead no lease holds.
select is(brain.queue_pending_enrichments('2026-03-01 10:00+00'), 1, 'one account queued');
reset role;
select results_eq($$select account_id, key from enrich_jobs$$, format($$values (%L, %L)$$, :'a', 'enrich_leads:' || :'a'),
  'account A (B''s lead is leased, C''s is done), keyed enrich_leads:<account_id> so sweeps do not pile up');

-- TEST: after B's lease passes, B too (A is not queued twice in one transaction).
set local role revenue_worker;
select is(brain.queue_pending_enrichments('2026-03-01 10:06+00'), 1, 'one more account');
reset role;
select results_eq($$select account_id from enrich_jobs order by account_id$$,
  format($$select x from unnest(array[%L, %L]) x order by x$$, :'a', :'b'), 'A and B');

select * from finish();
rollback;
