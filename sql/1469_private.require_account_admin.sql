-- Sender settings are for owners and admins: the caller's account is app.account_id (set
-- by the API for the session), the actor the session's user.
create or replace function private.require_account_admin(p_actor_user_id uuid)
returns uuid
language sql
stable
set search_path = ''
as $$
  select private.require_account_role(p_actor_user_id, array['owner', 'admin'], 'not_an_admin', 'only an owner or admin of this account changes its senders')
$$;

comment on function private.require_account_admin(uuid) is
  'The current account (app.account_id) when the user is one of its active owners or admins; else raises 42501 not_an_admin. Used by the sender settings (public.resume_sender, public.set_sender_already_warm).';

revoke execute on function private.require_account_admin(uuid) from public;
