-- Pending leads are the queue; the trigger wakes the worker: one enrich_leads job per
-- account touched, however many leads a transaction adds or changes. Unkeyed: a per-account
-- job key would make concurrent transactions of one account wait on each other's commits.
begin;
select plan(8);

select tests.create_account('A') as a \gset
select tests.create_account('B') as b \gset
select tests.create_account('C') as c \gset

create temp view enrich_jobs as
  select j.key, j.payload ->> 'account_id' as account_id, j.revision, j.max_attempts
  from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
  where t.identifier = 'enrich_leads';

-- TEST: one statement inserting leads of two accounts queues one job for each.
insert into public.leads (account_id, source, phone, email) values
  (:'a', 'manual', '+13055550101', null), (:'a', 'manual', null, 'ana@example.com'), (:'b', 'manual', '+13055550102', null);
select results_eq($$select key, account_id from enrich_jobs order by account_id$$,
  format($$values (null::text, %L), (null::text, %L)$$, least(:'a', :'b'), greatest(:'a', :'b')),
  'one job per account, without a job key');
select is((select max_attempts from enrich_jobs where account_id = :'a'), 10::smallint, 'the job retries up to 10 times');

-- TEST: more leads in the same transaction do not touch the job again.
select tests.create_lead(:'a', '+13055550103') as l3 \gset
select tests.create_lead(:'a', '+13055550104') as l4 \gset
select is((select count(*)::int from enrich_jobs), 2, 'still two jobs: the account''s job was not added again in the same transaction');

-- TEST: a lead with neither phone nor email is not pending and queues nothing.
insert into public.leads (account_id, source, first_name) values (:'c', 'manual', 'Nobody');
select is((select count(*)::int from enrich_jobs where account_id = :'c'), 0, 'no contact: no job');

-- TEST: an update queues the accounts whose leads it made pending, and no other.
-- (Leads made pending earlier in a transaction count as new in it: here, they are moved back an hour.)
select set_config('revenue.enrichment_queued', '', true);
delete from graphile_worker._private_jobs;
update public.leads set enrichment_requested_at = now() - interval '1 hour' where account_id in (:'a', :'b');
update public.leads set first_name = 'Ana' where account_id = :'a';
select is((select count(*)::int from enrich_jobs), 0, 'an update of other columns queues nothing');
update public.leads set phone = phone where account_id = :'b';
select is((select count(*)::int from enrich_jobs), 0, 'a phone set to itself makes nothing pending, so nothing is queued');
update public.leads set phone = '+13055550199' where account_id = :'b';
select is((select string_agg(account_id, ',') from enrich_jobs), :'b', 'a changed phone queues its account only');
select is((select enrichment_requested_at from public.leads where account_id = :'b'), now(), 'and the lead''s enrichment is requested anew');

select * from finish();
rollback;
