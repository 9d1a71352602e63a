-- The decision logic of public.ingest_booking (which calls it with p_record_receipt true);
-- the receipts drain (brain.drain_webhook_receipts) calls it with false.
create or replace function brain.apply_booking(
  p_account_id uuid,
  p_event_id text,
  p_event text,
  p_email text,
  p_phone text,
  p_first_name text,
  p_last_name text,
  p_start_at timestamptz,
  p_booking_uri text,
  p_occurred_at timestamptz default now(),
  p_nul_replaced_fields text[] default null,
  p_record_receipt boolean default true
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_lead record;
  v_state text;
  v_halt jsonb;
  v_appt jsonb;
  v_appt_id uuid;
begin
  -- A null account is an account nobody could find (the webhook's slug matched none): unknown_account below.
  if p_event_id is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the event id is required';
  end if;
  if p_email is null and p_phone is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'a booking needs the invitee''s email or phone';
  end if;
  if p_event is null or p_event not in ('booked', 'canceled') then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'event must be booked or canceled';
  end if;
  if not exists (select 1 from public.accounts a where a.id = p_account_id) then
    return pg_catalog.jsonb_build_object('outcome', 'unknown_account');
  end if;
  if p_record_receipt then
    insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type, nul_replaced_fields)
    values ('booking', p_event_id, p_account_id, p_event, nullif(p_nul_replaced_fields, '{}'::text[]))
    on conflict do nothing;
    if not found then
      return pg_catalog.jsonb_build_object('outcome', 'duplicate', 'account_id', p_account_id);
    end if;
  end if;

  select * into v_lead from public.find_or_create_lead(p_account_id, pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'source', 'booking', 'email', p_email, 'phone', p_phone, 'first_name', p_first_name, 'last_name', p_last_name)));

  perform brain.record_event(p_account_id, v_lead.lead_id,
    case p_event when 'booked' then 'appointment_booked' else 'appointment_canceled' end, 'webhook_booking', 'inbound',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('start_at', p_start_at, 'booking_uri', p_booking_uri)),
    null, p_occurred_at, 'booking:' || p_event_id, case p_event when 'booked' then 20 else -5 end);

  if p_event = 'booked' then
    v_halt := brain.halt_outreach(v_lead.lead_id, 'appointment_booked', 'stopped', p_occurred_at);
    if p_start_at is not null then
      -- The appointment (once per invitee URI, and per lead and start time) and appointment_booked.
      v_appt := brain.record_appointment(p_account_id, v_lead.lead_id, p_start_at, null,
        (select z.time_zone from public.leads l join public.org_settings o on o.account_id = l.account_id
         cross join lateral brain.lead_time_zone(l.timezone, l.phone, o.timezone) z where l.id = v_lead.lead_id),
        'webhook', 'webhook', 'webhook:booking', null, p_booking_uri, null, p_occurred_at);
    else
      select l.lead_state into v_state from public.leads l where l.id = v_lead.lead_id;
      if exists (select 1 from public.lead_state_transitions x where x.from_state = v_state and x.to_state = 'appointment_booked') then
        perform brain.transition_lead(v_lead.lead_id, 'appointment_booked', 'appointment_booked', 'webhook_booking');
      end if;
    end if;
  else
    -- Cancelled: its appointment (by invitee URI, else the lead's booked meeting at that time).
    select a.id into v_appt_id from public.appointments a
    where a.account_id = p_account_id and a.status = 'booked'
      and ((p_booking_uri is not null and a.provider_invitee_uri = p_booking_uri)
           or (a.lead_id = v_lead.lead_id and a.start_at = p_start_at))
    order by (a.provider_invitee_uri = p_booking_uri) desc nulls last
    limit 1;
    if v_appt_id is not null then
      v_appt := brain.set_appointment_status(v_appt_id, 'canceled', 'webhook:booking', 'canceled by the invitee', p_occurred_at, false);
    end if;
  end if;

  return pg_catalog.jsonb_build_object('outcome', 'recorded', 'account_id', p_account_id, 'lead_id', v_lead.lead_id,
                                       'matched_by', v_lead.matched_by, 'event', p_event)
         || coalesce(v_halt, '{}'::jsonb);
end
$$;

comment on function brain.apply_booking(uuid, text, text, text, text, text, text, timestamptz, text, timestamptz, text[], boolean) is
  'The decision logic of a calendar booking (see public.ingest_booking). booked: appointment_booked event, outreach halted, and (with a start time) an appointments row through brain.record_appointment (provider webhook, source webhook, idempotent by provider_invitee_uri = p_booking_uri and by lead + start time), which moves the lead to appointment_booked (no longer closed). canceled: the appointment with that invitee URI (else the lead''s booked meeting at p_start_at) becomes canceled through brain.set_appointment_status, which hands the lead back to high_intent. p_record_receipt false: the receipt exists (the receipts drain applies it).';

-- Writes: only the definer functions that call it (ingest_*, the drain) may.
revoke execute on function brain.apply_booking(uuid, text, text, text, text, text, text, timestamptz, text, timestamptz, text[], boolean) from public;
