-- Booking (issue 18, seed 003 §12): a meeting is cancelled, missed or held. A cancelled
-- or missed meeting hands the lead back to high_intent (when it has no other meeting ahead).
create or replace function brain.set_appointment_status(
  p_appointment_id uuid,
  p_status text,
  p_actor text,
  p_reason text default null,
  p_now timestamptz default now(),
  p_record_event boolean default true
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_a public.appointments;
  v_state text;
  v_moved boolean := false;
begin
  if p_status is null or p_status not in ('canceled', 'no_show', 'completed') then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the status is canceled, no_show or completed';
  end if;
  select a.* into v_a from public.appointments a where a.id = p_appointment_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'appointment_not_found', detail = 'no such appointment in this account';
  end if;
  if v_a.status = p_status then
    return pg_catalog.jsonb_build_object('outcome', 'unchanged', 'appointment_id', v_a.id, 'status', v_a.status);
  end if;
  if v_a.status <> 'booked' then
    raise exception using errcode = '55000', message = 'appointment_not_booked',
      detail = pg_catalog.format('this appointment is %s; only a booked appointment can be marked %s', v_a.status, p_status);
  end if;
  if p_status in ('no_show', 'completed') and v_a.start_at > p_now then
    raise exception using errcode = '55000', message = 'appointment_not_started',
      detail = 'the meeting has not started yet: it can be cancelled, not marked ' || pg_catalog.replace(p_status, '_', '-');
  end if;
  update public.appointments
  set status = p_status,
      canceled_at = case when p_status = 'canceled' then p_now end,
      cancel_reason = case when p_status = 'canceled' then pg_catalog.left(coalesce(nullif(pg_catalog.btrim(p_reason), ''), 'canceled by ' || p_actor), 300) end,
      no_show_at = case when p_status = 'no_show' then p_now end
  where id = v_a.id;
  if p_status in ('canceled', 'no_show') then
    select l.lead_state into v_state from public.leads l where l.id = v_a.lead_id;
    if v_state = 'appointment_booked' and not exists (
         select 1 from public.appointments o where o.account_id = v_a.account_id and o.lead_id = v_a.lead_id
           and o.status = 'booked' and o.id <> v_a.id) then
      v_moved := brain.transition_lead(v_a.lead_id, 'high_intent',
                                       case p_status when 'canceled' then 'appointment_canceled' else 'appointment_no_show' end, p_actor);
    end if;
  end if;
  if p_record_event then
  perform brain.record_event(v_a.account_id, v_a.lead_id,
    case p_status when 'canceled' then 'appointment_canceled' when 'no_show' then 'appointment_no_show' else 'appointment_completed' end,
    'appointments', 'internal',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('appointment_id', v_a.id, 'start_at', v_a.start_at, 'by', p_actor,
                                                               'reason', pg_catalog.left(p_reason, 300))),
    null, p_now, 'appointment_' || p_status || ':' || v_a.id::text);
  end if;
  return pg_catalog.jsonb_build_object('outcome', p_status, 'appointment_id', v_a.id, 'lead_id', v_a.lead_id, 'lead_moved', v_moved);
end
$$;

comment on function brain.set_appointment_status(uuid, text, text, text, timestamptz, boolean) is
  'Moves a booked appointment to canceled, no_show or completed (seed 003 §12). no_show and completed only once the meeting has started (55000 appointment_not_started); only a booked appointment changes (55000 appointment_not_booked; the same status again is unchanged). canceled and no_show hand the lead back from appointment_booked to high_intent when it has no other booked meeting. Records appointment_canceled, appointment_no_show or appointment_completed (an appointment_canceled event ends the appointment_booked stop event; p_record_event false: the caller records it, as the booking webhook does). Returns {outcome, appointment_id, lead_id, lead_moved}.';

revoke execute on function brain.set_appointment_status(uuid, text, text, text, timestamptz, boolean) from public;
grant execute on function brain.set_appointment_status(uuid, text, text, text, timestamptz, boolean) to revenue_worker;
