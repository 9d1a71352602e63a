-- Every analyst policy is keyed on the login's binding (private.analyst_account_id),
-- never on app.account_id, which an analyst can set. A table added later with a
-- copied GUC policy fails here.
begin;
select plan(5);

-- TEST: no analyst policy reads a setting.
select is_empty(
  $$select schemaname || '.' || tablename || ' ' || policyname from pg_policies
    where 'revenue_analyst' = any (roles) and (qual ~ 'current_setting' or coalesce(with_check, '') ~ 'current_setting')$$,
  'no revenue_analyst policy reads app.account_id (or any setting)');

-- TEST: every table with row-level security shows the analyst its bound account, or nothing.
select is_empty(
  $$select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and c.relrowsecurity and n.nspname in ('public', 'brain', 'private', 'lead_hunter')
      and not exists (select 1 from pg_policies p
                      where p.schemaname = n.nspname and p.tablename = c.relname and 'revenue_analyst' = any (p.roles)
                        and (p.qual ~ 'private\.analyst_account_id\(\)' or p.qual = 'false'))$$,
  'every RLS table has a revenue_analyst policy on private.analyst_account_id() (or false)');

-- TEST: analysts only read.
select is_empty(
  $$select schemaname || '.' || tablename || ' ' || policyname || ' ' || cmd from pg_policies
    where 'revenue_analyst' = any (roles) and cmd <> 'SELECT'$$,
  'every revenue_analyst policy is for select only');

-- TEST: the binding function.
select ok(
  (select p.prosecdef and p.provolatile = 's' from pg_proc p where p.oid = 'private.analyst_account_id()'::regprocedure),
  'private.analyst_account_id is a stable security definer function');
select is(
  array(select r from unnest(array['revenue_api', 'revenue_analyst', 'revenue_worker', 'revenue_ingest']) r
        where has_function_privilege(r, 'private.analyst_account_id()', 'execute')),
  array['revenue_analyst'],
  'of the application roles only revenue_analyst executes it (PUBLIC does not: see grants_inventory)');

select * from finish();
rollback;
