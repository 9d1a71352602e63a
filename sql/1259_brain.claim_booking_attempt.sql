-- Booking (issue 18, seed 003 §12): the book_offered_slot job takes its attempt before
-- it calls the provider. The guarded update (queued → calling) is committed first, so a
-- second worker, a retried job or a replayed reply never calls the provider twice; an
-- attempt found "calling" (a worker died mid-call) is not called again but handed to a setter.
create or replace function brain.claim_booking_attempt(p_attempt_id uuid, p_now timestamptz default now())
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_a public.booking_attempts;
  v_l public.leads;
  v_o public.org_settings;
  v_blocker text;
begin
  select a.* into v_a from public.booking_attempts a where a.id = p_attempt_id for update;
  if not found then
    return pg_catalog.jsonb_build_object('claimed', false, 'reason', 'not_found');
  end if;
  if v_a.status = 'calling' then
    perform brain.record_booking_result(v_a.id, false, null, null,
      'the booking call was interrupted; check Calendly before booking again', p_now => p_now);
    return pg_catalog.jsonb_build_object('claimed', false, 'reason', 'interrupted');
  end if;
  if v_a.status <> 'queued' then
    return pg_catalog.jsonb_build_object('claimed', false, 'reason', 'status_' || v_a.status);
  end if;
  select l.* into v_l from public.leads l where l.id = v_a.lead_id and l.account_id = v_a.account_id;
  select o.* into v_o from public.org_settings o where o.account_id = v_a.account_id;
  v_blocker := case
    when v_a.slot_start <= p_now then 'the slot has passed'
    when v_l.lead_state in ('suppressed', 'closed') then 'the lead is ' || v_l.lead_state
    when exists (select 1 from public.appointments p where p.account_id = v_a.account_id and p.lead_id = v_a.lead_id
                   and p.status = 'booked' and p.start_at > p_now) then 'the lead already has a meeting booked'
    when v_o.booking_provider <> 'calendly' or v_o.calendly_event_type_uri is null then 'no Calendly event type is configured'
    when v_l.email is null then 'the lead has no email address, which the booking needs'
  end;
  if v_blocker is not null then
    perform brain.record_booking_result(v_a.id, false, null, null, v_blocker, p_now => p_now, p_claimed => false);
    return pg_catalog.jsonb_build_object('claimed', false, 'reason', v_blocker);
  end if;
  update public.booking_attempts set status = 'calling', claimed_at = p_now where id = v_a.id;
  return pg_catalog.jsonb_build_object(
    'claimed', true, 'booking_attempt_id', v_a.id, 'account_id', v_a.account_id, 'lead_id', v_a.lead_id,
    'event_type_uri', v_o.calendly_event_type_uri, 'start_time', v_a.slot_start, 'time_zone', v_a.time_zone,
    'invitee', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'name', coalesce(nullif(pg_catalog.concat_ws(' ', nullif(pg_catalog.btrim(v_l.first_name), ''), nullif(pg_catalog.btrim(v_l.last_name), '')), ''),
                       pg_catalog.split_part(v_l.email::text, '@', 1)),
      'email', v_l.email::text, 'timezone', v_a.time_zone::text, 'text_reminder_number', v_l.phone)));
end
$$;

comment on function brain.claim_booking_attempt(uuid, timestamptz) is
  'Takes a queued booking attempt for the provider call (seed 003 §12): queued → calling, committed by the caller before it calls Calendly. Answers {claimed: true, booking_attempt_id, account_id, lead_id, event_type_uri, start_time, time_zone, invitee {name, email, timezone, text_reminder_number}}. Not queued: {claimed: false, reason status_<status>}; found calling (the previous call was interrupted) it fails (a setter task: check Calendly) rather than calling again; the slot passed, the lead suppressed, closed or already booked, no Calendly event type, or no email: it fails with that reason (a setter task) and claimed is false.';

revoke execute on function brain.claim_booking_attempt(uuid, timestamptz) from public;
grant execute on function brain.claim_booking_attempt(uuid, timestamptz) to revenue_worker;
