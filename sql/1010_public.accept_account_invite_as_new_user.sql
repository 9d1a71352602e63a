-- Someone without a login accepts an invite: the user is created with the
-- name and password (scrypt hash, made by the API) and joins. They log in next.
create or replace function public.accept_account_invite_as_new_user(
  p_token_hash text,
  p_display_name text,
  p_password_hash text,
  p_now timestamptz default now()
)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_invite public.account_invites := private.open_account_invite(p_token_hash, p_now);
  v_user uuid;
begin
  if coalesce(p_password_hash, '') !~ '^scrypt\$' then
    raise exception using errcode = '22023', message = 'invalid_password_hash', detail = 'the password must be given as a scrypt hash';
  end if;
  if exists (select 1 from public.users u where u.email = v_invite.email) then
    raise exception using errcode = '23505', message = 'user_exists',
      detail = 'a login with this email exists already: log in to accept the invite';
  end if;
  insert into public.users (email, display_name, password_hash)
  values (v_invite.email, nullif(pg_catalog.btrim(p_display_name), ''), p_password_hash)
  returning id into v_user;
  insert into public.account_members (account_id, user_id, role) values (v_invite.account_id, v_user, v_invite.role);
  update public.account_invites i set accepted_at = p_now, accepted_by = v_user where i.id = v_invite.id;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_invite.account_id, 'member_joined', 'accept_account_invite_as_new_user', 'user', v_user, v_user::text,
          pg_catalog.jsonb_build_object('role', v_invite.role, 'invite_id', v_invite.id, 'new_user', true));
  return v_user;
end
$$;

comment on function public.accept_account_invite_as_new_user(text, text, text, timestamptz) is
  'Accepts the invite whose link token hashes to p_token_hash for an email that has no login yet: creates the user with the display name and password hash (scrypt, made by the API) and makes them an active member with the invited role; returns the user id. Refuses invite_not_found (P0002), invite_used / invite_revoked / invite_expired (55000), user_exists (23505: log in instead) and invalid_password_hash (22023); a refusal changes nothing.';

revoke execute on function public.accept_account_invite_as_new_user(text, text, text, timestamptz) from public, revenue_api;
grant execute on function public.accept_account_invite_as_new_user(text, text, text, timestamptz) to revenue_login;
