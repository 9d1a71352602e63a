-- Booking (issue 18, seed 003 §12): one refresh at a time per account. The caller holds
-- the transaction open while it asks the provider, then records the answer
-- (brain.record_availability) and commits: the advisory lock is the transaction's.
create or replace function brain.claim_availability_refresh(
  p_account_id uuid,
  p_now timestamptz default now(),
  p_force boolean default false
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_state jsonb;
  v_o record;
begin
  if p_account_id is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the account is required';
  end if;
  if not pg_catalog.pg_try_advisory_xact_lock(pg_catalog.hashtextextended('availability_refresh:' || p_account_id::text, 0)) then
    return pg_catalog.jsonb_build_object('claimed', false, 'reason', 'refresh_in_progress');
  end if;
  select o.booking_provider, o.calendly_event_type_uri into v_o
  from public.org_settings o where o.account_id = p_account_id;
  if not found then
    return pg_catalog.jsonb_build_object('claimed', false, 'reason', 'unknown_account');
  end if;
  insert into public.availability_caches (account_id) values (p_account_id) on conflict do nothing;
  v_state := brain.availability_cache_state(p_account_id, p_now);
  if not p_force and not (v_state ->> 'needs_refresh')::boolean then
    return pg_catalog.jsonb_build_object('claimed', false, 'reason', v_state ->> 'state');
  end if;
  -- No provider: an explicit empty entry with a long back-off (seed E7), not a guess.
  if v_o.booking_provider <> 'calendly' or v_o.calendly_event_type_uri is null then
    perform brain.record_availability(p_account_id, null,
      case when v_o.booking_provider <> 'calendly' then 'no booking provider is configured (Settings → Booking)'
           else 'no Calendly event type is configured (Settings → Booking)' end,
      'not_configured', p_now);
    return pg_catalog.jsonb_build_object('claimed', false, 'reason', 'not_configured');
  end if;
  update public.availability_caches set refresh_started_at = p_now where account_id = p_account_id;
  return pg_catalog.jsonb_build_object(
    'claimed', true, 'account_id', p_account_id, 'provider', v_o.booking_provider,
    'event_type_uri', v_o.calendly_event_type_uri,
    -- Calendly takes at most 7 days per request, starting in the future.
    'start_time', pg_catalog.date_trunc('minute', p_now) + interval '1 minute',
    'end_time', pg_catalog.date_trunc('minute', p_now) + interval '7 days');
end
$$;

comment on function brain.claim_availability_refresh(uuid, timestamptz, boolean) is
  'Takes the account''s availability refresh (seed 003 §12): pg_try_advisory_xact_lock per account, so while one transaction refreshes, a second claim answers {claimed: false, reason: refresh_in_progress}. Not needed (fresh, backing off; p_force skips this check): {claimed: false, reason: <state>}. No booking provider or no Calendly event type: records that as the error with a 24 h back-off and answers reason not_configured. Otherwise {claimed: true, account_id, provider, event_type_uri, start_time, end_time (a 7-day window)}: the caller asks the provider in the same transaction and records the answer with brain.record_availability before committing.';

revoke execute on function brain.claim_availability_refresh(uuid, timestamptz, boolean) from public;
grant execute on function brain.claim_availability_refresh(uuid, timestamptz, boolean) to revenue_worker;
