-- A logged-in user accepts an invite to their own email: they become a member
-- with the invited role, and their session moves to that account.
create or replace function public.accept_account_invite(
  p_token_hash text,
  p_session_id uuid,
  p_now timestamptz default now()
)
returns table (account_id uuid, role text, csrf_token text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_invite public.account_invites := private.open_account_invite(p_token_hash, p_now);
  v_user uuid;
  v_email text;
  v_csrf text := pg_catalog.encode(pg_catalog.sha256(pg_catalog.gen_random_uuid()::text::bytea || pg_catalog.gen_random_uuid()::text::bytea), 'hex');
begin
  select u.id, u.email::text into v_user, v_email
  from public.user_sessions s
  join public.users u on u.id = s.user_id and u.is_active
  where s.id = p_session_id and s.revoked_at is null and s.expires_at > p_now;
  if v_user is null then
    raise exception using errcode = '42501', message = 'not_logged_in', detail = 'log in first to accept this invite';
  end if;
  if v_email <> v_invite.email::text then
    raise exception using errcode = '42501', message = 'invite_for_another_email',
      detail = 'this invite is for another email address: log out and open the link again';
  end if;
  insert into public.account_members (account_id, user_id, role)
  values (v_invite.account_id, v_user, v_invite.role)
  on conflict on constraint account_members_pkey do update set role = excluded.role, is_active = true;
  update public.account_invites i set accepted_at = p_now, accepted_by = v_user where i.id = v_invite.id;
  update public.user_sessions s set account_id = v_invite.account_id, csrf_token = v_csrf where s.id = p_session_id;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_invite.account_id, 'member_joined', 'accept_account_invite', 'user', v_user, v_user::text,
          pg_catalog.jsonb_build_object('role', v_invite.role, 'invite_id', v_invite.id));
  return query select v_invite.account_id, v_invite.role, v_csrf;
end
$$;

comment on function public.accept_account_invite(text, uuid, timestamptz) is
  'Accepts the invite whose link token hashes to p_token_hash for the user of an open session, who must have the invited email: they become an active member with the invited role, and the session switches to that account with a new CSRF token. Refuses invite_not_found (P0002), invite_used / invite_revoked / invite_expired (55000), not_logged_in and invite_for_another_email (42501); a refusal changes nothing.';

revoke execute on function public.accept_account_invite(text, uuid, timestamptz) from public, revenue_api;
grant execute on function public.accept_account_invite(text, uuid, timestamptz) to revenue_login;
