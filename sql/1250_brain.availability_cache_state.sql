-- Booking (issue 18, seed 003 §12): where an account's availability cache stands.
create or replace function brain.availability_cache_state(p_account_id uuid, p_now timestamptz default now())
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_c public.availability_caches;
  v_state text;
begin
  select c.* into v_c from public.availability_caches c where c.account_id = p_account_id;
  if not found then
    return pg_catalog.jsonb_build_object('state', 'missing', 'needs_refresh', true, 'slots', 0);
  end if;
  v_state := case
    when v_c.expires_at > p_now and pg_catalog.cardinality(v_c.slots_utc) > 0 then 'fresh'
    when v_c.backoff_until > p_now then 'backoff'
    when v_c.expires_at > p_now then 'fresh_empty'
    else 'stale'
  end;
  return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'state', v_state,
    'needs_refresh', v_state in ('stale', 'missing'),
    'slots', pg_catalog.cardinality(v_c.slots_utc),
    'fetched_at', v_c.fetched_at,
    'expires_at', v_c.expires_at,
    'backoff_until', case when v_c.backoff_until > p_now then v_c.backoff_until end,
    'failures', v_c.failures,
    'last_error', v_c.last_error));
end
$$;

comment on function brain.availability_cache_state(uuid, timestamptz) is
  'An account''s availability cache at p_now: {state, needs_refresh, slots (how many), fetched_at, expires_at, backoff_until (while it holds), failures, last_error}. state: missing (no row yet), fresh (slots fetched less than 60 s ago), fresh_empty (fetched less than 60 s ago, none open), backoff (a failure: no refresh before backoff_until, 24 h, or 2 h after a rate limit; also an account with no booking provider configured), stale (expired: the next render that needs it queues a refresh). needs_refresh is true for missing and stale.';

revoke execute on function brain.availability_cache_state(uuid, timestamptz) from public;
grant execute on function brain.availability_cache_state(uuid, timestamptz) to revenue_worker;
