create or replace function public.session_revoke(p_session_id uuid)
returns boolean
language sql
volatile
security definer
set search_path = ''
as $$
  update public.user_sessions set revoked_at = pg_catalog.now()
  where id = p_session_id and revoked_at is null
  returning true
$$;

comment on function public.session_revoke(uuid) is 'Logs a session out. True when it was open.';

revoke execute on function public.session_revoke(uuid) from public, revenue_api;
grant execute on function public.session_revoke(uuid) to revenue_login;
