-- Conventions every table, column, view and function of the project must follow.
begin;
select plan(14);

-- TEST: documentation for analysts (\d+ shows it).
select is_empty(
  $$select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'v', 'm', 'p')
      and obj_description(c.oid, 'pg_class') is null$$,
  'every public table and view has a comment');
select is_empty(
  $$select c.relname || '.' || a.attname
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'v', 'm', 'p')
      and col_description(c.oid, a.attnum) is null$$,
  'every public column has a comment');
select is_empty(
  $$select n.nspname || '.' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'brain', 'private', 'lead_hunter')
      and obj_description(p.oid, 'pg_proc') is null$$,
  'every project function has a comment');

-- TEST: tenancy.
select is_empty(
  $$select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'account_id'
    where n.nspname = 'public' and c.relkind = 'r' and not a.attnotnull$$,
  'account_id is not null wherever it appears');
select is_empty(
  $$select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r'
      and (exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'account_id')
           or c.relname in ('accounts', 'users'))
      and not c.relrowsecurity$$,
  'row-level security is enabled on every tenant table, accounts and users');
select is_empty(
  $$select c.relname || ' lacks a policy for ' || r.rolname
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    cross join (values ('revenue_api'), ('revenue_analyst'), ('revenue_worker')) r(rolname)
    where n.nspname = 'public' and c.relkind = 'r' and c.relrowsecurity
      and not exists (select 1 from pg_policies p
                      where p.schemaname = 'public' and p.tablename = c.relname and r.rolname = any(p.roles))$$,
  'each RLS table has a policy for the API, analyst and worker roles');
-- Every unique key of a tenant table includes account_id, except on the global
-- tables that resolve an account from what a request carries: an API token's hash
-- names its account, and a sender number belongs to one account across all accounts
-- (sender_addresses). The stricter rules for distribution by account_id (primary
-- keys, foreign keys, joins) are in distribution_readiness.test.sql.
select is_empty(
  $$select i.indexrelid::regclass::text
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and i.indisunique
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'account_id')
      and not exists (select 1 from pg_attribute a
                      where a.attrelid = c.oid and a.attname = 'account_id' and a.attnum = any(i.indkey))
      and not (i.indisprimary and i.indnatts = 1
               and (select a.attname from pg_attribute a where a.attrelid = c.oid and a.attnum = i.indkey[0]) = 'id')
      and c.relname not in ('account_api_tokens', 'sender_addresses')$$,
  'every unique key of a tenant table includes account_id');

select is_empty(
  $$select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'updated_at' and not a.attisdropped
    where n.nspname in ('public', 'lead_hunter') and c.relkind = 'r'
      and not exists (select 1 from pg_trigger t join pg_proc f on f.oid = t.tgfoid
                      where t.tgrelid = c.oid and f.proname = 'tg__set_updated_at')
      -- sender_rate_state is on the dispatch hot path; its only writer,
      -- brain.reserve_sender_slots, sets updated_at itself (checked below).
      and c.relname <> 'sender_rate_state'$$,
  'every table with updated_at keeps it current (set_updated_at trigger)');
select ok(
  (select p.prosrc ~ 'updated_at = pg_catalog.now\(\)' from pg_proc p
   where p.oid = 'brain.reserve_sender_slots(uuid, text, text[], integer[], integer, timestamptz, interval)'::regprocedure),
  'brain.reserve_sender_slots keeps sender_rate_state.updated_at current itself');

-- TEST: views and functions are safe to call.
select is_empty(
  $$select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname not in ('pg_catalog', 'information_schema', 'graphile_worker', 'tests', 'tap')
      and c.relkind = 'v'
      and not coalesce('security_invoker=true' = any(c.reloptions), false)$$,
  'every view runs with the caller''s rights (security_invoker), so RLS applies through it');
-- language sql functions may leave it out: a SET clause stops the planner from
-- inlining them into the views, and they qualify every name instead.
select is_empty(
  $$select n.nspname || '.' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    join pg_language lang on lang.oid = p.prolang
    where n.nspname in ('public', 'brain', 'private', 'lead_hunter')
      and lang.lanname <> 'sql'
      and not exists (select 1 from unnest(p.proconfig) cfg where cfg like 'search_path=%')$$,
  'every plpgsql project function pins its search_path');
-- A sql function that writes is never inlined, so nothing excuses it.
select is_empty(
  $$select n.nspname || '.' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    join pg_language lang on lang.oid = p.prolang
    where n.nspname in ('public', 'brain', 'private', 'lead_hunter')
      and lang.lanname = 'sql' and p.prosrc ~* '\m(insert|update|delete)\M'
      and not exists (select 1 from unnest(p.proconfig) cfg where cfg like 'search_path=%')$$,
  'every sql project function that writes pins its search_path');
select is_empty(
  $$select n.nspname || '.' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'brain', 'private', 'lead_hunter') and p.prosecdef
      and not exists (select 1 from unnest(p.proconfig) cfg where cfg = 'search_path=""')$$,
  'security definer functions use an empty search_path');

select is_empty(
  $$select c.relname || ' is not readable by ' || r.rolname
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    cross join (values ('revenue_api'), ('revenue_analyst'), ('revenue_worker')) r(rolname)
    where n.nspname = 'public' and c.relkind = 'v'
      and not has_table_privilege(r.rolname, c.oid, 'select')$$,
  'every public view is readable by the API, analyst and worker roles');

select * from finish();
rollback;
