-- An owner removes a member: the membership is deactivated (their history and
-- assigned leads keep pointing at it) and their sessions in this account end.
create or replace function public.remove_account_member(
  p_actor_user_id uuid,
  p_user_id uuid,
  p_now timestamptz default now()
)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := private.require_account_owner(p_actor_user_id);
  v_role text;
  v_ended integer;
begin
  select m.role into v_role from public.account_members m
  where m.account_id = v_account and m.user_id = p_user_id and m.is_active;
  if v_role is null then
    raise exception using errcode = 'P0002', message = 'member_not_found', detail = 'that person is not a member of this account';
  end if;
  if v_role = 'owner' then
    perform private.assert_keeps_an_owner(v_account, p_user_id);
  end if;
  update public.account_members m set is_active = false
  where m.account_id = v_account and m.user_id = p_user_id;
  update public.user_sessions s set revoked_at = p_now
  where s.user_id = p_user_id and s.account_id = v_account and s.revoked_at is null;
  get diagnostics v_ended = row_count;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_account, 'member_removed', 'remove_account_member', 'user', p_user_id, p_actor_user_id::text,
          pg_catalog.jsonb_build_object('role', v_role, 'sessions_ended', v_ended));
  return v_ended;
end
$$;

comment on function public.remove_account_member(uuid, uuid, timestamptz) is
  'An owner of app.account_id removes a member: the membership becomes inactive and the member''s open sessions in this account are revoked (returns how many). Refuses not_an_owner (42501), member_not_found (P0002) and last_owner (P0001). Recorded in account_events.';

revoke execute on function public.remove_account_member(uuid, uuid, timestamptz) from public;
grant execute on function public.remove_account_member(uuid, uuid, timestamptz) to revenue_api;
