-- Login happens before anyone knows the account, so these functions run with their
-- owner's rights and expose only what login needs.
create or replace function public.login_lookup(p_email text, p_ip text)
returns table (user_id uuid, password_hash text, rate_limited boolean)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_email text := pg_catalog.lower(pg_catalog.btrim(coalesce(p_email, '')));
  v_limited boolean;
begin
  select (select count(*) from public.login_attempts a
          where a.email = v_email and not a.succeeded and a.created_at > pg_catalog.now() - interval '1 minute') >= 10
      or (p_ip is not null and (select count(*) from public.login_attempts a
          where a.ip = p_ip and not a.succeeded and a.created_at > pg_catalog.now() - interval '1 minute') >= 10)
    into v_limited;
  return query
    select u.id, case when v_limited then null else u.password_hash end, v_limited
    from (select 1) one
    left join public.users u on u.email = v_email and u.is_active
    limit 1;
end
$$;

comment on function public.login_lookup(text, text) is
  'For the login form: the active user with this email and its password hash (scrypt, checked by the API), and whether login is rate-limited (10 failures in the last minute for the email or the client address; then no hash is returned). One row even when the user does not exist, so the caller''s timing does not reveal it.';

revoke execute on function public.login_lookup(text, text) from public;
grant execute on function public.login_lookup(text, text) to revenue_api;
