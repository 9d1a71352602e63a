-- A logged-in user changes their password. The current password was checked by
-- the API against the hash public.login_begin returned (so guesses share the
-- login backoff); this settles that attempt and, when it matched, stores the
-- new hash. The users trigger then revokes every session of the user, this one
-- included, and a new session replaces the current one.
create or replace function public.password_change(
  p_session_id uuid,
  p_attempt_id bigint,
  p_current_matched boolean,
  p_new_hash text,
  p_user_agent text
)
returns table (session_id uuid, account_id uuid, csrf_token text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_user uuid;
  v_account uuid;
  v_attempt_user uuid;
  v_ip text;
  v_ok boolean;
begin
  select s.user_id, s.account_id into v_user, v_account
  from public.user_sessions s
  join public.users u on u.id = s.user_id and u.is_active
  where s.id = p_session_id and s.revoked_at is null and s.expires_at > pg_catalog.now();
  if v_user is null then
    raise exception using errcode = '28000', message = 'session_not_valid',
      detail = 'The session is unknown, expired or logged out; log in again.';
  end if;
  if coalesce(p_new_hash, '') !~ '^scrypt\$[0-9]+\$[0-9]+\$[0-9]+\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{32,}$' then
    raise exception using errcode = '22023', message = 'invalid_password_hash',
      detail = 'The new password must be given as a scrypt hash made by the API.';
  end if;
  update public.login_attempts a
  set outcome = case when coalesce(p_current_matched, false) and a.user_id = v_user then 'succeeded' else 'failed' end,
      succeeded = coalesce(p_current_matched, false) and a.user_id = v_user,
      finished_at = pg_catalog.now()
  where a.id = p_attempt_id and a.outcome = 'pending' and a.created_at > pg_catalog.now() - interval '5 minutes'
  returning a.user_id, a.ip, a.succeeded into v_attempt_user, v_ip, v_ok;
  if not coalesce(v_ok, false) then
    return;
  end if;
  update public.users set password_hash = p_new_hash where id = v_user;
  return query select * from private.open_session(v_user, v_account, v_ip, p_user_agent);
end
$$;

comment on function public.password_change(uuid, bigint, boolean, text, text) is
  'Changes the password of the session''s user: settles the pending attempt of public.login_begin (whether the current password matched, checked by the API); when it matched, stores the new scrypt hash, which ends every session of the user (trigger on users), and returns a new session in the same workspace. No row when the current password did not match. Raises 28000 session_not_valid for a dead session and 22023 invalid_password_hash for a value that is not a scrypt hash.';

revoke execute on function public.password_change(uuid, bigint, boolean, text, text) from public, revenue_api;
grant execute on function public.password_change(uuid, bigint, boolean, text, text) to revenue_login;
