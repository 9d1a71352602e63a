-- The account an analyst's query may read, for every revenue_analyst policy
-- (db/migrations/20261206200000_analyst_logins_ingest_role.sql), keyed on session_user,
-- which a login cannot change (set role and set_config leave it alone):
--   * a login mapped in private.analyst_logins (make analyst) reads its own account,
--     whatever app.account_id says;
--   * the application's own login (one that may act as revenue_api: it sets
--     app.account_id for each transaction) reads the account the setting names;
--   * anyone else, e.g. a login given revenue_analyst by hand, reads nothing (null).
-- Policies call it as (select private.analyst_account_id()), so it runs once per query.
-- The analyst needs EXECUTE on it, not USAGE on the private schema: a policy names the
-- function by its oid.
create or replace function private.analyst_account_id()
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when exists (select 1 from private.analyst_logins l where l.login = session_user)
      then (select l.account_id from private.analyst_logins l where l.login = session_user)
    when pg_catalog.pg_has_role(session_user, 'revenue_api', 'MEMBER')
      then nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid
  end
$$;

comment on function private.analyst_account_id() is
  'The account row-level security shows revenue_analyst: a mapped analyst login''s own account (private.analyst_logins, by session_user), else app.account_id when the session''s login may act as revenue_api (the application), else null (nothing).';

revoke execute on function private.analyst_account_id() from public;
grant execute on function private.analyst_account_id() to revenue_analyst;
