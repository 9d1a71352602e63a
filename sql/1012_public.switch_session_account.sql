-- Moves a session to another account of its user, with a new CSRF token.
create or replace function public.switch_session_account(p_session_id uuid, p_account_id uuid)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_csrf text := pg_catalog.encode(pg_catalog.sha256(pg_catalog.gen_random_uuid()::text::bytea || pg_catalog.gen_random_uuid()::text::bytea), 'hex');
begin
  update public.user_sessions s set account_id = p_account_id, csrf_token = v_csrf
  where s.id = p_session_id and s.revoked_at is null and s.expires_at > pg_catalog.now()
    and exists (select 1 from public.users u where u.id = s.user_id and u.is_active)
    and exists (select 1 from public.account_members m
                where m.user_id = s.user_id and m.account_id = p_account_id and m.is_active);
  if not found then
    raise exception using errcode = '42501', message = 'not_a_member',
      detail = 'you are not an active member of that account';
  end if;
  return v_csrf;
end
$$;

comment on function public.switch_session_account(uuid, uuid) is
  'Switches an open session to another account where its user is an active member and returns the session''s new CSRF token; session_context then reports that account and the role there. Raises not_a_member (42501) and changes nothing otherwise.';

revoke execute on function public.switch_session_account(uuid, uuid) from public, revenue_api;
grant execute on function public.switch_session_account(uuid, uuid) to revenue_login;
