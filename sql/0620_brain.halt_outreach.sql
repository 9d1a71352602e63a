-- Seed 003 §11 (lead_replied) and seed 004 Part 5: when a lead answers, opts out or
-- books, its pending touches are canceled, its timers cancelled and its cadences
-- paused or stopped.
create or replace function brain.halt_outreach(
  p_lead_id uuid,
  p_reason text,
  p_enrollment_status text,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_touches integer;
  v_timers integer;
  v_enrollments integer;
  v_sequences integer;
begin
  if p_lead_id is null or p_reason is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the lead and the reason are required';
  end if;
  if p_enrollment_status is null or p_enrollment_status not in ('paused', 'stopped') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'p_enrollment_status must be paused or stopped';
  end if;
  -- Follow-up sequences (issue 18): the lead's running sequence runs pause in this same
  -- transaction (a booking keeps its reminder runs going), before their pending steps are
  -- canceled below (which would otherwise pause them with the touch's reason).
  v_sequences := brain.pause_lead_sequences(array[p_lead_id], p_reason,
                   case when p_reason = 'appointment_booked' then 'booking_reminder' end, p_now);
  update public.touch_runs t
  set status = 'canceled', error_code = p_reason, error_message = 'canceled: ' || p_reason
  where t.lead_id = p_lead_id and t.status in ('scheduled', 'queued')
    and coalesce(t.payload -> 'meta' ->> 'transactional', 'false') <> 'true'
    and not (p_reason = 'appointment_booked' and t.sequence_enrollment_id is not null
             and exists (select 1 from public.sequence_enrollments e
                         where e.id = t.sequence_enrollment_id and e.trigger = 'booking_reminder'));
  get diagnostics v_touches = row_count;
  update public.lead_timers
  set cancelled_at = p_now, last_error = p_reason
  where lead_id = p_lead_id and timer_type in ('TIMER_7D', 'TIMER_14D', 'TIMER_30D')
    and executed_at is null and cancelled_at is null;
  get diagnostics v_timers = row_count;
  update public.campaign_leads
  set status = p_enrollment_status,
      paused_at = case when p_enrollment_status = 'paused' then p_now else paused_at end,
      stopped_at = case when p_enrollment_status = 'stopped' then p_now else stopped_at end,
      stop_reason = p_reason
  where lead_id = p_lead_id and status = 'active'
     or (lead_id = p_lead_id and p_enrollment_status = 'stopped' and status = 'paused');
  get diagnostics v_enrollments = row_count;
  return pg_catalog.jsonb_build_object('touches_canceled', v_touches, 'timers_cancelled', v_timers,
                                       'enrollments_' || p_enrollment_status, v_enrollments)
         || case when v_sequences > 0 then pg_catalog.jsonb_build_object('sequences_paused', v_sequences) else '{}'::jsonb end;
end
$$;

comment on function brain.halt_outreach(uuid, text, text, timestamptz) is
  'Stops what is under way for a lead: cancels its scheduled and queued touches (not transactional replies), cancels its TIMER_7D/14D/30D timers, and pauses (a reply) or stops (opt-out, booking) its active enrollments, recording p_reason; its active sequence runs pause with paused_reason p_reason (brain.pause_lead_sequences; appointment_booked keeps booking_reminder runs and their touches going). Returns the counts (sequences_paused only when some were).';

revoke execute on function brain.halt_outreach(uuid, text, text, timestamptz) from public;
grant execute on function brain.halt_outreach(uuid, text, text, timestamptz) to revenue_worker, revenue_api;
