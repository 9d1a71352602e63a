-- The login backoff policy, in one place. Never a hard lock: every limit is a
-- delay that doubles with each further failure, capped at 15 minutes.
--   * Per client address: 10 failures within 15 minutes are free; after that the
--     next attempt waits 2, 4, 8, … seconds after the latest failure.
--   * Per account (email): 5 failures since the later of 15 minutes ago and the
--     account's last successful login are free; then the same doubling delay.
--     An address that logged in to this account within the last 30 days is
--     exempt, so the real user still gets in while someone else hammers the email.
-- A pending attempt (password still being verified) counts as a failure.
create or replace function private.login_retry_after(p_email text, p_ip text, p_now timestamptz default now())
returns table (retry_after integer, limited_by text)
language plpgsql
stable
set search_path = ''
as $$
declare
  c_window constant interval := interval '15 minutes';
  c_trusted constant interval := interval '30 days';
  c_address_free constant integer := 10;
  c_email_free constant integer := 5;
  c_cap constant integer := 900;
  v_email text := pg_catalog.lower(pg_catalog.btrim(coalesce(p_email, '')));
  v_n integer;
  v_last timestamptz;
  v_since timestamptz;
  v_address integer := 0;
  v_account integer := 0;
begin
  if p_ip is not null then
    select count(*)::integer, max(a.created_at) into v_n, v_last
    from public.login_attempts a
    where a.ip = p_ip and a.outcome in ('pending', 'failed')
      and a.created_at > p_now - c_window and a.created_at <= p_now;
    if v_n >= c_address_free then
      v_address := pg_catalog.ceil(extract(epoch from
        v_last + pg_catalog.make_interval(secs => least(2 ^ least(v_n - c_address_free + 1, 12), c_cap)) - p_now))::integer;
    end if;
  end if;

  if p_ip is null or not exists (
    select from public.login_attempts a
    where a.email = v_email and a.ip = p_ip and a.outcome = 'succeeded'
      and a.created_at > p_now - c_trusted and a.created_at <= p_now
  ) then
    select greatest(p_now - c_window, max(a.created_at)) into v_since
    from public.login_attempts a
    where a.email = v_email and a.outcome = 'succeeded' and a.created_at <= p_now;
    v_since := coalesce(v_since, p_now - c_window);
    select count(*)::integer, max(a.created_at) into v_n, v_last
    from public.login_attempts a
    where a.email = v_email and a.outcome in ('pending', 'failed')
      and a.created_at > v_since and a.created_at <= p_now;
    if v_n >= c_email_free then
      v_account := pg_catalog.ceil(extract(epoch from
        v_last + pg_catalog.make_interval(secs => least(2 ^ least(v_n - c_email_free + 1, 12), c_cap)) - p_now))::integer;
    end if;
  end if;

  return query select
    greatest(v_address, v_account, 0),
    case when greatest(v_address, v_account) <= 0 then null
         when v_address >= v_account then 'address'
         else 'account' end;
end
$$;

comment on function private.login_retry_after(text, text, timestamptz) is
  'Login backoff policy: seconds the next attempt for this email from this address must wait (0: go ahead) and which limit applies (address or account). Per address: 10 failures in 15 minutes free, then 2^k s after the latest failure (k = failures beyond the free ones, 900 s at most). Per email: 5 failures since the last success (within 15 minutes) free, then the same doubling; an address that logged in to this email in the last 30 days is exempt from the per-email delay. Pending attempts count as failures. Never a hard lock.';

revoke execute on function private.login_retry_after(text, text, timestamptz) from public;
