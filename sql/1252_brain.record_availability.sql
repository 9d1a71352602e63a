-- Booking (issue 18, seed 003 §12): a refresh's answer. Slots are fresh for 60 s; a
-- failure backs off 24 h, a rate limit 2 h.
create or replace function brain.record_availability(
  p_account_id uuid,
  p_slots_utc timestamptz[],
  p_error text default null,
  p_error_kind text default null,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_o record;
begin
  if p_error is null and p_slots_utc is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'record slots, or an error';
  end if;
  if p_error is not null and (p_error_kind is null or p_error_kind not in ('rate_limited', 'failed', 'not_configured')) then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'the error kind is rate_limited, failed or not_configured';
  end if;
  select o.booking_provider, o.calendly_event_type_uri into v_o from public.org_settings o where o.account_id = p_account_id;
  insert into public.availability_caches (account_id) values (p_account_id) on conflict do nothing;
  if p_error is null then
    update public.availability_caches c
    set provider = coalesce(v_o.booking_provider, 'none'), event_type_uri = v_o.calendly_event_type_uri,
        slots_utc = (select coalesce(pg_catalog.array_agg(distinct s order by s), '{}')
                     from (select u.s from pg_catalog.unnest(p_slots_utc) u (s) where u.s is not null limit 500) x (s)),
        fetched_at = p_now, expires_at = p_now + interval '60 seconds',
        last_error = null, last_error_at = null, failures = 0, backoff_until = null
    where c.account_id = p_account_id;
  else
    update public.availability_caches c
    set provider = coalesce(v_o.booking_provider, 'none'), event_type_uri = v_o.calendly_event_type_uri,
        slots_utc = case when p_error_kind = 'not_configured' then '{}' else c.slots_utc end,
        last_error = pg_catalog.left(p_error, 500), last_error_at = p_now, failures = c.failures + 1,
        backoff_until = p_now + case p_error_kind when 'rate_limited' then interval '2 hours' else interval '24 hours' end
    where c.account_id = p_account_id;
  end if;
  return brain.availability_cache_state(p_account_id, p_now);
end
$$;

comment on function brain.record_availability(uuid, timestamptz[], text, text, timestamptz) is
  'Records a refresh of an account''s availability (seed 003 §12). Slots (p_error null): the distinct starts in order (at most 500), fetched_at p_now, expires_at p_now + 60 s, failures and back-off cleared. An error: failures + 1, last_error (slots already fetched keep their 60 s), and backoff_until p_now + 2 h for rate_limited (HTTP 429), else + 24 h (failed, not_configured; not_configured also empties the slots). Returns brain.availability_cache_state.';

revoke execute on function brain.record_availability(uuid, timestamptz[], text, text, timestamptz) from public;
grant execute on function brain.record_availability(uuid, timestamptz[], text, text, timestamptz) to revenue_worker;
