-- Team management is for owners: the caller's account is app.account_id (set by
-- the API for the session), the actor the session's user.
create or replace function private.require_account_owner(p_actor_user_id uuid)
returns uuid
language sql
stable
set search_path = ''
as $$
  select private.require_account_role(p_actor_user_id, array['owner'], 'not_an_owner', 'only an owner of this account manages its team')
$$;

comment on function private.require_account_owner(uuid) is
  'The current account (app.account_id) when the user is one of its active owners; else raises 42501 not_an_owner. Used by the team functions.';

revoke execute on function private.require_account_owner(uuid) from public;
