-- Login, step 2 of 2: settle the attempt; on success open a session.
create or replace function public.login_finish(
  p_attempt_id bigint,
  p_succeeded boolean,
  p_user_agent text,
  p_account_id uuid default null,
  p_ttl interval default interval '12 hours'
)
returns table (session_id uuid, account_id uuid, csrf_token text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_user uuid;
  v_ip text;
  v_ok boolean;
begin
  update public.login_attempts a
  set outcome = case when coalesce(p_succeeded, false) and a.user_id is not null then 'succeeded' else 'failed' end,
      succeeded = coalesce(p_succeeded, false) and a.user_id is not null,
      finished_at = pg_catalog.now()
  where a.id = p_attempt_id and a.outcome = 'pending' and a.created_at > pg_catalog.now() - interval '5 minutes'
  returning a.user_id, a.ip, a.succeeded into v_user, v_ip, v_ok;
  if not coalesce(v_ok, false) then
    return;
  end if;
  update public.users set last_login_at = pg_catalog.now() where id = v_user;
  return query select * from private.open_session(v_user, p_account_id, v_ip, p_user_agent, p_ttl);
end
$$;

comment on function public.login_finish(bigint, boolean, text, uuid, interval) is
  'Login step 2: settles a pending attempt of public.login_begin (at most once, within 5 minutes) as succeeded or failed; when it succeeded and the user is an active member of a workspace (p_account_id, else the first joined), opens a session (12 hours by default) and returns it with a fresh CSRF token. No row otherwise.';

revoke execute on function public.login_finish(bigint, boolean, text, uuid, interval) from public, revenue_api;
grant execute on function public.login_finish(bigint, boolean, text, uuid, interval) to revenue_login;
