-- An owner withdraws an invite that is still open.
create or replace function public.revoke_account_invite(
  p_actor_user_id uuid,
  p_invite_id uuid,
  p_now timestamptz default now()
)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := private.require_account_owner(p_actor_user_id);
begin
  update public.account_invites i set revoked_at = p_now
  where i.id = p_invite_id and i.account_id = v_account and i.accepted_at is null and i.revoked_at is null;
  if not found then
    raise exception using errcode = 'P0002', message = 'invite_not_found',
      detail = 'no open invite with this id in this account (it may have been accepted or revoked already)';
  end if;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor)
  values (v_account, 'member_invite_revoked', 'revoke_account_invite', 'account_invite', p_invite_id, p_actor_user_id::text);
end
$$;

comment on function public.revoke_account_invite(uuid, uuid, timestamptz) is
  'An owner of app.account_id revokes an open invite: its link stops working at once. invite_not_found (P0002) when it is not open in this account. Recorded in account_events.';

revoke execute on function public.revoke_account_invite(uuid, uuid, timestamptz) from public;
grant execute on function public.revoke_account_invite(uuid, uuid, timestamptz) to revenue_api;
