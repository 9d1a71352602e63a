-- An owner changes a member's role. session_context reads the role on every
-- request, so the change applies from the member's next request.
create or replace function public.change_member_role(
  p_actor_user_id uuid,
  p_user_id uuid,
  p_role text
)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := private.require_account_owner(p_actor_user_id);
  v_old text;
begin
  if coalesce(p_role, '') not in ('owner', 'admin', 'setter', 'analyst', 'viewer') then
    raise exception using errcode = '22023', message = 'invalid_role',
      detail = pg_catalog.format('%s is not a role: choose owner, admin, setter, analyst or viewer', coalesce(p_role, 'nothing'));
  end if;
  select m.role into v_old from public.account_members m
  where m.account_id = v_account and m.user_id = p_user_id and m.is_active;
  if v_old is null then
    raise exception using errcode = 'P0002', message = 'member_not_found', detail = 'that person is not a member of this account';
  end if;
  if v_old = p_role then
    return v_old;
  end if;
  if v_old = 'owner' then
    perform private.assert_keeps_an_owner(v_account, p_user_id);
  end if;
  update public.account_members m set role = p_role
  where m.account_id = v_account and m.user_id = p_user_id;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_account, 'member_role_changed', 'change_member_role', 'user', p_user_id, p_actor_user_id::text,
          pg_catalog.jsonb_build_object('from', v_old, 'to', p_role));
  return v_old;
end
$$;

comment on function public.change_member_role(uuid, uuid, text) is
  'An owner of app.account_id gives a member another role (from their next request); returns the previous role. Refuses not_an_owner (42501), invalid_role (22023), member_not_found (P0002) and last_owner (P0001: the account would have no active owner). Recorded in account_events.';

revoke execute on function public.change_member_role(uuid, uuid, text) from public;
grant execute on function public.change_member_role(uuid, uuid, text) to revenue_api;
