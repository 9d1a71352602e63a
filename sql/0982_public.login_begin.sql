-- Login, step 1 of 2: check the backoff and record the attempt in one call.
-- The advisory locks (email first, then address: one order, no deadlock)
-- serialize concurrent guesses, so each sees the pending attempts of the others.
create or replace function public.login_begin(p_email text, p_ip text, p_now timestamptz default null)
returns table (attempt_id bigint, user_id uuid, password_hash text, retry_after integer, limited_by text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_email text := pg_catalog.lower(pg_catalog.btrim(coalesce(p_email, '')));
  v_retry integer;
  v_scope text;
  v_user uuid;
  v_hash text;
  v_attempt bigint;
  v_now timestamptz;
begin
  perform pg_catalog.pg_advisory_xact_lock(580001, pg_catalog.hashtext(v_email));
  if p_ip is not null then
    perform pg_catalog.pg_advisory_xact_lock(580002, pg_catalog.hashtext(p_ip));
  end if;
  -- The time after the lock, not the transaction's start: a call that waited
  -- must see (and be ordered after) every attempt recorded while it waited.
  v_now := coalesce(p_now, pg_catalog.clock_timestamp());
  select r.retry_after, r.limited_by into v_retry, v_scope
  from private.login_retry_after(v_email, p_ip, v_now) r;
  if v_retry > 0 then
    return query select null::bigint, null::uuid, null::text, v_retry, v_scope;
    return;
  end if;
  select u.id, u.password_hash into v_user, v_hash
  from public.users u where u.email = v_email and u.is_active;
  insert into public.login_attempts (email, ip, succeeded, outcome, user_id, created_at)
  values (v_email, p_ip, false, 'pending', v_user, v_now)
  returning id into v_attempt;
  return query select v_attempt, v_user, v_hash, 0, null::text;
end
$$;

comment on function public.login_begin(text, text, timestamptz) is
  'Login step 1 (p_now: tests only; else the time once the locks are held): under a lock on the email and the address, applies the backoff (private.login_retry_after). When it is refused: no attempt id, retry_after > 0 seconds and limited_by (address or account). Otherwise records a pending attempt (counted as a failure until settled) and returns its id with the active user and password hash (scrypt, verified by the API; null user and hash when the email names nobody), then the API calls public.login_finish or public.password_change.';

revoke execute on function public.login_begin(text, text, timestamptz) from public, revenue_api;
grant execute on function public.login_begin(text, text, timestamptz) to revenue_login;
