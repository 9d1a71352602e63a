-- The account switcher: the accounts the session's user may act in.
create or replace function public.session_accounts(p_session_id uuid)
returns table (account_id uuid, account_name text, role text, is_current boolean)
language sql
stable
security definer
set search_path = ''
as $$
  select a.id, a.name, m.role, a.id = s.account_id
  from public.user_sessions s
  join public.users u on u.id = s.user_id and u.is_active
  join public.account_members m on m.user_id = s.user_id and m.is_active
  join public.accounts a on a.id = m.account_id
  where s.id = p_session_id and s.revoked_at is null and s.expires_at > pg_catalog.now()
  order by a.name, a.id
$$;

comment on function public.session_accounts(uuid) is
  'For the account switcher: the accounts where the user of an open session is an active member, with their role and which one the session acts in. No rows for an unknown, revoked or expired session.';

revoke execute on function public.session_accounts(uuid) from public, revenue_api;
grant execute on function public.session_accounts(uuid) to revenue_login;
