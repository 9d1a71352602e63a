-- Opening a console session: shared by login and password change.
create or replace function private.open_session(
  p_user_id uuid,
  p_account_id uuid,
  p_ip text,
  p_user_agent text,
  p_ttl interval default interval '12 hours'
)
returns table (session_id uuid, account_id uuid, csrf_token text)
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_account uuid;
  v_session uuid;
  v_csrf text;
begin
  -- The requested workspace if the user belongs to it, else the first one joined.
  select m.account_id into v_account
  from public.account_members m
  join public.users u on u.id = m.user_id and u.is_active
  where m.user_id = p_user_id and m.is_active and (p_account_id is null or m.account_id = p_account_id)
  order by m.created_at, m.account_id
  limit 1;
  if v_account is null then
    return;
  end if;
  v_csrf := pg_catalog.encode(pg_catalog.sha256(pg_catalog.gen_random_uuid()::text::bytea || pg_catalog.gen_random_uuid()::text::bytea), 'hex');
  insert into public.user_sessions (user_id, account_id, csrf_token, ip, user_agent, expires_at)
  values (p_user_id, v_account, v_csrf, p_ip, pg_catalog.left(p_user_agent, 300), pg_catalog.now() + p_ttl)
  returning id into v_session;
  return query select v_session, v_account, v_csrf;
end
$$;

comment on function private.open_session(uuid, uuid, text, text, interval) is
  'Opens a session for an active member (in p_account_id when they belong to it, else the first workspace joined) with a fresh CSRF token. No row when the user has no active membership.';

revoke execute on function private.open_session(uuid, uuid, text, text, interval) from public;
