-- `make analyst ACCOUNT=<slug> NAME=<login> [ROTATE=1]` (scripts/analyst.ts): creates a
-- PostgreSQL login for an analyst, a member of revenue_analyst only, and binds it to one
-- account in private.analyst_logins. The password arrives as a SCRAM-SHA-256 verifier
-- computed by the caller, so the password itself never reaches the server (nor its logs).
-- An existing login is refused unless p_rotate, which sets a new password and nothing else.
-- Runs with the caller's rights: only the database owner may call it, and creating a role
-- needs CREATEROLE (or superuser).
create or replace function private.create_analyst_login(
  p_login text,
  p_account_slug text,
  p_password_verifier text,
  p_rotate boolean default false
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_account_id uuid;
  v_bound_to uuid;
  v_bound_slug text;
  v_role_exists boolean;
begin
  if p_login is null or p_login !~ '^[a-z][a-z0-9_]{2,62}$' or p_login ~ '^(pg_|revenue_)' then
    raise exception using
      errcode = '22023', message = 'invalid_login_name',
      detail = pg_catalog.format('%s cannot be an analyst login name', coalesce(pg_catalog.quote_literal(p_login), 'an empty name')),
      hint = 'Use 3 to 63 lower-case letters, digits and _, starting with a letter, and not starting with pg_ or revenue_.';
  end if;
  if p_password_verifier is null
     or p_password_verifier !~ '^SCRAM-SHA-256\$[0-9]{4,7}:[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$' then
    raise exception using
      errcode = '22023', message = 'invalid_password_verifier',
      detail = 'the password must be given as a SCRAM-SHA-256 verifier (SCRAM-SHA-256$<iterations>:<salt>$<stored key>:<server key>)';
  end if;

  select a.id into v_account_id from public.accounts a where a.slug = p_account_slug;
  if v_account_id is null then
    raise exception using
      errcode = 'P0002', message = 'account_not_found',
      detail = pg_catalog.format('no account with slug %s', coalesce(pg_catalog.quote_literal(p_account_slug), 'null'));
  end if;

  v_role_exists := exists (select 1 from pg_catalog.pg_roles r where r.rolname = p_login);
  select l.account_id, a.slug into v_bound_to, v_bound_slug
  from private.analyst_logins l join public.accounts a on a.id = l.account_id
  where l.login = p_login;

  if v_role_exists and v_bound_to is null then
    raise exception using
      errcode = '42710', message = 'role_exists',
      detail = pg_catalog.format('a database role named %s exists and is not an analyst login of this database', p_login),
      hint = 'Pick another NAME.';
  end if;
  if v_role_exists and v_bound_to <> v_account_id then
    raise exception using
      errcode = '42710', message = 'analyst_login_exists',
      detail = pg_catalog.format('the analyst login %s exists and is bound to account %s, not %s', p_login, v_bound_slug, p_account_slug),
      hint = 'Pick another NAME; a login stays bound to the account it was created for.';
  end if;
  if v_role_exists and not coalesce(p_rotate, false) then
    raise exception using
      errcode = '42710', message = 'analyst_login_exists',
      detail = pg_catalog.format('the analyst login %s exists (account %s)', p_login, p_account_slug),
      hint = 'Pass ROTATE=1 to give it a new password.';
  end if;
  if not v_role_exists and coalesce(p_rotate, false) then
    raise exception using
      errcode = 'P0002', message = 'analyst_login_not_found',
      detail = pg_catalog.format('there is no analyst login %s to rotate', p_login),
      hint = 'Leave out ROTATE to create it.';
  end if;

  if v_role_exists then
    execute pg_catalog.format('alter role %I password %L', p_login, p_password_verifier);
    return pg_catalog.jsonb_build_object('outcome', 'rotated', 'login', p_login, 'account_id', v_account_id);
  end if;

  execute pg_catalog.format(
    'create role %I login inherit nosuperuser nocreatedb nocreaterole noreplication nobypassrls password %L in role revenue_analyst',
    p_login, p_password_verifier);
  -- Read-only by default too, so a BI tool's session says so; the grants alone already refuse writes.
  execute pg_catalog.format('alter role %I set default_transaction_read_only = on', p_login);
  -- A mapping left behind by a login dropped by hand is replaced.
  insert into private.analyst_logins (login, account_id) values (p_login, v_account_id)
  on conflict (login) do update set account_id = excluded.account_id, created_at = pg_catalog.now();
  return pg_catalog.jsonb_build_object('outcome', 'created', 'login', p_login, 'account_id', v_account_id);
end
$$;

comment on function private.create_analyst_login(text, text, text, boolean) is
  'Creates the analyst login p_login (LOGIN, member of revenue_analyst only, default_transaction_read_only) with the SCRAM-SHA-256 verifier p_password_verifier and binds it to the account p_account_slug; with p_rotate, sets a new password on an existing analyst login of that account instead. Returns {outcome: created|rotated, login, account_id}. Refuses with 22023 invalid_login_name / invalid_password_verifier, P0002 account_not_found / analyst_login_not_found, 42710 role_exists / analyst_login_exists.';

revoke execute on function private.create_analyst_login(text, text, text, boolean) from public;
