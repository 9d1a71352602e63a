create or replace function public.session_context(p_session_id uuid)
returns table (
  session_id uuid,
  user_id uuid,
  email text,
  display_name text,
  account_id uuid,
  account_name text,
  role text,
  csrf_token text,
  expires_at timestamptz
)
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  update public.user_sessions s set last_seen_at = pg_catalog.now()
  where s.id = p_session_id and s.revoked_at is null and s.expires_at > pg_catalog.now()
    and s.last_seen_at < pg_catalog.now() - interval '1 minute';
  return query
    select s.id, u.id, u.email::text, u.display_name, a.id, a.name, m.role, s.csrf_token, s.expires_at
    from public.user_sessions s
    join public.users u on u.id = s.user_id and u.is_active
    join public.account_members m on m.user_id = s.user_id and m.account_id = s.account_id and m.is_active
    join public.accounts a on a.id = s.account_id
    where s.id = p_session_id and s.revoked_at is null and s.expires_at > pg_catalog.now();
end
$$;

comment on function public.session_context(uuid) is
  'Who a session is: user, workspace, role (as of now: a removed or demoted member loses access at once) and CSRF token. No row when the session is unknown, revoked, expired, or its user or membership is no longer active.';

revoke execute on function public.session_context(uuid) from public, revenue_api;
grant execute on function public.session_context(uuid) to revenue_login;
