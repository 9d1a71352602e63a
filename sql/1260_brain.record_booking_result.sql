-- Booking (issue 18, seed 003 §12): what the provider said about an attempt.
create or replace function brain.record_booking_result(
  p_attempt_id uuid,
  p_ok boolean,
  p_event_uri text default null,
  p_invitee_uri text default null,
  p_error text default null,
  p_now timestamptz default now(),
  p_claimed boolean default true
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_a public.booking_attempts;
  v_r jsonb;
  v_task uuid;
  v_channel text;
begin
  select a.* into v_a from public.booking_attempts a where a.id = p_attempt_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'booking_attempt_not_found', detail = 'no such booking attempt';
  end if;
  if v_a.status in ('booked', 'failed') then
    return pg_catalog.jsonb_build_object('outcome', 'already_' || v_a.status, 'appointment_id', v_a.appointment_id);
  end if;
  select m.channel::text into v_channel from public.inbound_messages m where m.id = v_a.inbound_message_id;
  if p_ok then
    v_r := brain.record_appointment(v_a.account_id, v_a.lead_id, v_a.slot_start, v_a.slot_end, v_a.time_zone::text,
                                    'calendly', 'auto_booking', 'system:auto_booking', p_event_uri, p_invitee_uri,
                                    v_a.inbound_message_id, p_now);
    update public.booking_attempts
    set status = 'booked', appointment_id = (v_r ->> 'appointment_id')::uuid, finished_at = p_now, error = null
    where id = v_a.id;
    perform brain.record_event(v_a.account_id, v_a.lead_id, 'appointment_booked', 'auto_booking', 'internal',
      pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('appointment_id', v_r -> 'appointment_id', 'start_at', v_a.slot_start,
        'booking_attempt_id', v_a.id, 'booking_uri', p_invitee_uri, 'inbound_message_id', v_a.inbound_message_id, 'source', 'auto_booking')),
      v_channel, p_now, 'appointment_booked:' || v_a.id::text, 20);
    return pg_catalog.jsonb_build_object('outcome', 'booked') || v_r;
  end if;
  update public.booking_attempts
  set status = 'failed', error = pg_catalog.left(coalesce(nullif(pg_catalog.btrim(p_error), ''), 'the provider refused the booking'), 500),
      finished_at = p_now
  where id = v_a.id;
  insert into public.setter_tasks (account_id, lead_id, kind, reason, suggested_text, inbound_message_id, booking_attempt_id)
  values (v_a.account_id, v_a.lead_id, 'booking_failed',
          pg_catalog.left('The meeting could not be booked automatically: ' || coalesce(nullif(pg_catalog.btrim(p_error), ''), 'the provider refused the booking'), 500),
          pg_catalog.format('Thanks! I''m confirming %s (%s) for you now.',
                            pg_catalog.to_char(v_a.slot_start at time zone v_a.time_zone::text, 'Dy DD Mon HH24:MI'), v_a.time_zone),
          v_a.inbound_message_id, v_a.id)
  on conflict (account_id, inbound_message_id, kind) where inbound_message_id is not null do nothing
  returning id into v_task;
  perform brain.record_event(v_a.account_id, v_a.lead_id, 'booking_failed', 'auto_booking', 'internal',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('booking_attempt_id', v_a.id, 'start_at', v_a.slot_start,
      'reason', pg_catalog.left(coalesce(p_error, 'refused'), 300), 'setter_task_id', v_task, 'provider_called', p_claimed)),
    v_channel, p_now, 'booking_failed:' || v_a.id::text);
  return pg_catalog.jsonb_build_object('outcome', 'failed', 'setter_task_id', v_task);
end
$$;

comment on function brain.record_booking_result(uuid, boolean, text, text, text, timestamptz, boolean) is
  'Records a booking attempt''s outcome once (seed 003 §12). Booked: brain.record_appointment (calendly, source auto_booking, the provider''s event and invitee URIs; a lead and start time already booked stays one row), the attempt booked, and an appointment_booked memory event (dedupe appointment_booked:<attempt>). Failed: the attempt failed with the reason, a setter task booking_failed with the reason and a suggested text, and a booking_failed event on the lead''s timeline. A finished attempt answers already_booked / already_failed and changes nothing.';

revoke execute on function brain.record_booking_result(uuid, boolean, text, text, text, timestamptz, boolean) from public;
grant execute on function brain.record_booking_result(uuid, boolean, text, text, text, timestamptz, boolean) to revenue_worker;
