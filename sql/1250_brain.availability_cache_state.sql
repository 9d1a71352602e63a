-- Booking (issue 18, seed 003 §12): where an account's availability cache stands.
create or replace function brain.availability_cache_state(p_account_id uuid, p_now timestamptz default now())
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_c public.availability_caches;
  v_state text;
  v_changed boolean;
begin
  select c.* into v_c from public.availability_caches c where c.account_id = p_account_id;
  if not found then
    return pg_catalog.jsonb_build_object('state', 'missing', 'needs_refresh', true, 'slots', 0);
  end if;
  -- A back-off ends early when what failed has changed since: the booking settings
  -- (provider, event type) or the account's Calendly token.
  v_changed := exists (select 1 from public.org_settings o where o.account_id = p_account_id
                         and (o.booking_provider, o.calendly_event_type_uri) is distinct from (v_c.provider, v_c.event_type_uri))
               or exists (select 1 from public.account_provider_credentials k where k.account_id = p_account_id
                            and k.provider = 'calendly' and k.updated_at > v_c.last_error_at);
  v_state := case
    when v_c.expires_at > p_now and pg_catalog.cardinality(v_c.slots_utc) > 0 then 'fresh'
    when v_c.backoff_until > p_now and v_c.last_error_at is not null and v_changed then 'stale'
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
    'backoff_until', case when v_state = 'backoff' then v_c.backoff_until end,
    'failures', v_c.failures,
    'last_error', v_c.last_error));
end
$$;

comment on function brain.availability_cache_state(uuid, timestamptz) is
  'An account''s availability cache at p_now: {state, needs_refresh, slots (how many), fetched_at, expires_at, backoff_until (while it holds), failures, last_error}. state: missing (no row yet), fresh (slots fetched less than 60 s ago), fresh_empty (fetched less than 60 s ago, none open), backoff (a failure: no refresh before backoff_until, 24 h, or 2 h after a rate limit; also an account with no booking provider configured; the back-off ends early once the booking settings or the account''s Calendly token changed after the failure), stale (expired: the next render that needs it queues a refresh). needs_refresh is true for missing and stale. Security definer: it reads when the account''s Calendly credentials changed (never their value).';

revoke execute on function brain.availability_cache_state(uuid, timestamptz) from public;
grant execute on function brain.availability_cache_state(uuid, timestamptz) to revenue_worker;
