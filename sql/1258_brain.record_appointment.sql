-- Booking (issue 18, seed 003 §12): a meeting is on the calendar. The one place an
-- appointment is written as booked: at most one per lead and start time (a second
-- identical booking changes nothing), the lead's outreach stopped and the lead moved
-- to appointment_booked.
create or replace function brain.record_appointment(
  p_account_id uuid,
  p_lead_id uuid,
  p_start_at timestamptz,
  p_end_at timestamptz,
  p_time_zone text,
  p_provider text,
  p_source text,
  p_booked_by text,
  p_provider_event_uri text default null,
  p_provider_invitee_uri text default null,
  p_inbound_message_id uuid default null,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_id uuid;
  v_state text;
  v_moved boolean := false;
begin
  if p_start_at is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the meeting''s start time is required';
  end if;
  if p_provider_invitee_uri is not null then
    select a.id into v_id from public.appointments a
    where a.account_id = p_account_id and a.provider_invitee_uri = p_provider_invitee_uri;
    if found then
      return pg_catalog.jsonb_build_object('appointment_id', v_id, 'inserted', false);
    end if;
  end if;
  insert into public.appointments (account_id, lead_id, status, start_at, end_at, time_zone, provider, source,
                                   provider_event_uri, provider_invitee_uri, inbound_message_id, booked_by)
  values (p_account_id, p_lead_id, 'booked', p_start_at, coalesce(p_end_at, p_start_at + interval '30 minutes'),
          coalesce(p_time_zone, 'UTC')::public.time_zone, p_provider, p_source, p_provider_event_uri, p_provider_invitee_uri,
          p_inbound_message_id, p_booked_by)
  on conflict do nothing
  returning id into v_id;
  if v_id is null then
    -- The same lead and start time is already booked: that row stands; it learns the provider's URIs.
    update public.appointments a
    set provider_invitee_uri = coalesce(a.provider_invitee_uri, p_provider_invitee_uri),
        provider_event_uri = coalesce(a.provider_event_uri, p_provider_event_uri)
    where a.account_id = p_account_id and a.lead_id = p_lead_id and a.start_at = p_start_at and a.status = 'booked'
    returning a.id into v_id;
    return pg_catalog.jsonb_build_object('appointment_id', v_id, 'inserted', false);
  end if;
  perform brain.halt_outreach(p_lead_id, 'appointment_booked', 'stopped', p_now);
  select l.lead_state into v_state from public.leads l where l.id = p_lead_id;
  if v_state <> 'appointment_booked'
     and exists (select 1 from public.lead_state_transitions x where x.from_state = v_state and x.to_state = 'appointment_booked') then
    v_moved := brain.transition_lead(p_lead_id, 'appointment_booked', 'appointment_booked', p_booked_by);
  end if;
  update public.offered_slots set status = 'superseded'
  where lead_id = p_lead_id and account_id = p_account_id and status = 'open';
  return pg_catalog.jsonb_build_object('appointment_id', v_id, 'inserted', true, 'lead_moved', v_moved);
end
$$;

comment on function brain.record_appointment(uuid, uuid, timestamptz, timestamptz, text, text, text, text, text, text, uuid, timestamptz) is
  'Writes a booked appointment (seed 003 §12) once: a known provider_invitee_uri, or a booked row for the same lead and start time, answers {appointment_id, inserted: false} (the existing row learns the provider URIs it lacked). A new one (end defaults to start + 30 minutes): the lead''s outreach is halted (brain.halt_outreach appointment_booked, enrollments stopped), the lead moves to appointment_booked when its state allows it, and its open offered slots are superseded. Returns {appointment_id, inserted, lead_moved}. The caller records the appointment_booked memory event.';

revoke execute on function brain.record_appointment(uuid, uuid, timestamptz, timestamptz, text, text, text, text, text, text, uuid, timestamptz) from public;
grant execute on function brain.record_appointment(uuid, uuid, timestamptz, timestamptz, text, text, text, text, text, text, uuid, timestamptz) to revenue_worker;
