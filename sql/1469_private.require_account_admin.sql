-- Sender settings are for owners and admins: the caller's account is app.account_id (set
-- by the API for the session), the actor the session's user.
create or replace function private.require_account_admin(p_actor_user_id uuid)
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
    where m.account_id = v_account and m.user_id = p_actor_user_id and m.is_active and m.role in ('owner', 'admin')
  ) then
    raise exception using errcode = '42501', message = 'not_an_admin',
      detail = 'only an owner or admin of this account changes its senders';
  end if;
  return v_account;
end
$$;

comment on function private.require_account_admin(uuid) is
  'The current account (app.account_id) when the user is one of its active owners or admins; else raises 42501 not_an_admin. Used by the sender settings (public.resume_sender, public.set_sender_already_warm).';

revoke execute on function private.require_account_admin(uuid) from public;
