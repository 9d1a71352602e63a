create or replace function public.login_complete(
  p_email text,
  p_ip text,
  p_user_agent text,
  p_user_id uuid,
  p_succeeded boolean,
  p_account_id uuid default null,
  p_ttl interval default interval '12 hours'
)
returns table (session_id uuid, account_id uuid, csrf_token text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid;
  v_session uuid;
  v_csrf text;
begin
  insert into public.login_attempts (email, ip, succeeded)
  values (pg_catalog.lower(pg_catalog.btrim(coalesce(p_email, ''))), p_ip, coalesce(p_succeeded, false));
  if not coalesce(p_succeeded, false) or p_user_id is null then
    return;
  end if;
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
  update public.users set last_login_at = pg_catalog.now() where id = p_user_id;
  return query select v_session, v_account, v_csrf;
end
$$;

comment on function public.login_complete(text, text, text, uuid, boolean, uuid, interval) is
  'Records a login attempt; when it succeeded and the user is an active member of a workspace (p_account_id, else the first joined), opens a session (12 hours by default) with a fresh CSRF token and returns it. No row otherwise.';

revoke execute on function public.login_complete(text, text, text, uuid, boolean, uuid, interval) from public;
grant execute on function public.login_complete(text, text, text, uuid, boolean, uuid, interval) to revenue_api;
