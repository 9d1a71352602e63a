-- migrate:up

-- Issue 15, database roles.
--
-- 1. Analysts bound to their account. An analyst's database login (make analyst) is
--    mapped to one account in private.analyst_logins, which no API, analyst or worker
--    role may read or change. Every analyst policy asks private.analyst_account_id(),
--    which answers from that mapping by session_user (a login cannot change it), so
--    setting app.account_id no longer moves an analyst to another account.
-- 2. Least privilege. revenue_worker no longer reads password hashes, sessions, login
--    attempts, API token hashes or provider secrets. The webhooks run as the new
--    revenue_ingest, which may only call the ingest functions (security definer, in
--    sql/) and read the two lookups the routes make (an account by slug, a business name).

create table private.analyst_logins (
  login name primary key,
  account_id uuid not null references public.accounts (id) on delete cascade,
  created_at timestamptz not null default pg_catalog.now()
);
comment on table private.analyst_logins is
  'Database logins of analysts (make analyst), each bound to one account: row-level security shows such a login only this account''s rows, whatever app.account_id says. Not granted to any role.';
comment on column private.analyst_logins.login is 'The PostgreSQL login role (a member of revenue_analyst only).';
comment on column private.analyst_logins.account_id is 'The one account this login reads; deleting the account removes the mapping, and an unmapped login sees nothing.';
comment on column private.analyst_logins.created_at is 'When the login was created.';
create index analyst_logins_account_id_idx on private.analyst_logins (account_id);

-- The definition lives in sql/0970_private.analyst_account_id.sql (applied after the
-- migrations, create or replace); the policies below need it to exist already.
create function private.analyst_account_id()
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
revoke execute on function private.analyst_account_id() from public;
grant execute on function private.analyst_account_id() to revenue_analyst;

-- Every analyst policy that read app.account_id now asks private.analyst_account_id(),
-- evaluated once per query (an initplan). Tables are found from the catalog, so none
-- is missed; a policy of a shape this block does not know stops the migration.
do $$
declare
  v_policy record;
  v_key constant text := '(select private.analyst_account_id())';
begin
  for v_policy in
    select p.schemaname, p.tablename, p.policyname
    from pg_catalog.pg_policies p
    where 'revenue_analyst' = any (p.roles) and p.qual like '%app.account_id%'
    order by 1, 2, 3
  loop
    if v_policy.schemaname = 'public' and v_policy.tablename = 'accounts' then
      execute pg_catalog.format('alter policy %I on public.accounts using (id = %s)', v_policy.policyname, v_key);
    elsif v_policy.schemaname = 'public' and v_policy.tablename = 'users' then
      execute pg_catalog.format(
        'alter policy %I on public.users using (exists (select 1 from public.account_members m where m.user_id = users.id and m.account_id = %s))',
        v_policy.policyname, v_key);
    elsif exists (select 1 from information_schema.columns c
                  where c.table_schema = v_policy.schemaname and c.table_name = v_policy.tablename
                    and c.column_name = 'account_id') then
      execute pg_catalog.format('alter policy %I on %I.%I using (account_id = %s)',
        v_policy.policyname, v_policy.schemaname, v_policy.tablename, v_key);
    else
      raise exception 'analyst policy % on %.% has no account_id to bind', v_policy.policyname,
        v_policy.schemaname, v_policy.tablename;
    end if;
  end loop;
end
$$;

-- The worker keeps what its tasks and the hunter use, and loses the secrets.
revoke all on public.users from revenue_worker;
grant select (id, email, display_name, is_active, last_login_at, created_at, updated_at)
  on public.users to revenue_worker;
revoke all on public.user_sessions, public.login_attempts from revenue_worker;
revoke all on public.account_api_tokens from revenue_worker;
revoke all on public.account_provider_settings from revenue_worker;
grant select (id, account_id, channel, provider, is_default, config, created_at, updated_at)
  on public.account_provider_settings to revenue_worker;

-- Roles are cluster-wide: created only when missing, never dropped (see 20261122000100).
do $$
begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'revenue_ingest') then
    create role revenue_ingest nologin;
  end if;
end
$$;
comment on role revenue_ingest is
  'Role of the internet-facing webhook routes: executes the ingest functions (security definer) and looks up an account by slug and a business name; reads nothing else.';
grant revenue_ingest to current_user;

-- The two lookups the webhook routes make themselves: the booking webhook's
-- ?account=<slug>, and the business name the unsubscribe page shows.
grant select (id, slug) on public.accounts to revenue_ingest;
create policy accounts_ingest_lookup on public.accounts for select to revenue_ingest using (true);
grant select (account_id, business_name) on public.org_settings to revenue_ingest;
create policy org_settings_ingest_lookup on public.org_settings for select to revenue_ingest using (true);

-- migrate:down
drop policy if exists org_settings_ingest_lookup on public.org_settings;
drop policy if exists accounts_ingest_lookup on public.accounts;
revoke all on public.org_settings, public.accounts from revenue_ingest;

grant select, insert, update, delete on public.users, public.account_provider_settings to revenue_worker;
grant select, insert, update, delete on public.user_sessions, public.login_attempts to revenue_worker;
grant select, insert, update on public.account_api_tokens to revenue_worker;

do $$
declare
  v_policy record;
  v_key constant text := 'nullif(pg_catalog.current_setting(''app.account_id'', true), '''')::uuid';
begin
  for v_policy in
    select p.schemaname, p.tablename, p.policyname
    from pg_catalog.pg_policies p
    where 'revenue_analyst' = any (p.roles) and p.qual like '%analyst_account_id%'
  loop
    if v_policy.schemaname = 'public' and v_policy.tablename = 'accounts' then
      execute pg_catalog.format('alter policy %I on public.accounts using (id = %s)', v_policy.policyname, v_key);
    elsif v_policy.schemaname = 'public' and v_policy.tablename = 'users' then
      execute pg_catalog.format(
        'alter policy %I on public.users using (exists (select 1 from public.account_members m where m.user_id = users.id and m.account_id = %s))',
        v_policy.policyname, v_key);
    else
      execute pg_catalog.format('alter policy %I on %I.%I using (account_id = %s)',
        v_policy.policyname, v_policy.schemaname, v_policy.tablename, v_key);
    end if;
  end loop;
end
$$;

drop function if exists private.analyst_account_id();
drop table if exists private.analyst_logins;
