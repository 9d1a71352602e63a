-- The caller's account (app.account_id, set by the API for the session) when the session's
-- user holds one of the given roles in it; the one check behind private.require_account_owner
-- (team management) and private.require_account_admin (sender settings).
create or replace function private.require_account_role(
  p_actor_user_id uuid,
  p_roles text[],
  p_message text,
  p_detail text
)
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
begin
  if v_account is null or not exists (
    select 1 from public.account_members m
    join public.users u on u.id = m.user_id and u.is_active
    where m.account_id = v_account and m.user_id = p_actor_user_id and m.is_active and m.role = any(p_roles)
  ) then
    raise exception using errcode = '42501', message = p_message, detail = p_detail;
  end if;
  return v_account;
end
$$;

comment on function private.require_account_role(uuid, text[], text, text) is
  'The current account (app.account_id) when user p_actor_user_id is an active member of it, active, with one of p_roles; else raises 42501 with p_message and p_detail. private.require_account_owner and private.require_account_admin name the roles and the error.';

revoke execute on function private.require_account_role(uuid, text[], text, text) from public;
