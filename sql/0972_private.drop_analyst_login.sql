-- `make analyst NAME=<login> DROP=1` (scripts/analyst.ts): removes an analyst login of
-- this database, both its mapping and the role. A role that is not an analyst login of
-- this database is never dropped. Runs with the caller's rights (the database owner).
create or replace function private.drop_analyst_login(p_login text)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_account_id uuid;
begin
  delete from private.analyst_logins l where l.login = p_login returning l.account_id into v_account_id;
  if v_account_id is null then
    raise exception using
      errcode = 'P0002', message = 'analyst_login_not_found',
      detail = pg_catalog.format('%s is not an analyst login of this database', coalesce(pg_catalog.quote_literal(p_login), 'null'));
  end if;
  if exists (select 1 from pg_catalog.pg_roles r where r.rolname = p_login) then
    execute pg_catalog.format('drop role %I', p_login);
  end if;
  return pg_catalog.jsonb_build_object('outcome', 'dropped', 'login', p_login, 'account_id', v_account_id);
end
$$;

comment on function private.drop_analyst_login(text) is
  'Removes the analyst login p_login: its mapping in private.analyst_logins and the role itself. Returns {outcome: dropped, login, account_id}; P0002 analyst_login_not_found when p_login is not an analyst login of this database. Fails (2BP01) while the role still owns objects or holds privileges elsewhere.';

revoke execute on function private.drop_analyst_login(text) from public;
