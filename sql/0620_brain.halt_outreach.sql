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
begin
  if p_lead_id is null or p_reason is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the lead and the reason are required';
  end if;
  if p_enrollment_status is null or p_enrollment_status not in ('paused', 'stopped') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'p_enrollment_status must be paused or stopped';
  end if;
  update public.touch_runs
  set status = 'canceled', error_code = p_reason, error_message = 'canceled: ' || p_reason
  where lead_id = p_lead_id and status in ('scheduled', 'queued')
    and coalesce(payload -> 'meta' ->> 'transactional', 'false') <> 'true';
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
                                       'enrollments_' || p_enrollment_status, v_enrollments);
end
$$;

comment on function brain.halt_outreach(uuid, text, text, timestamptz) is
  'Stops what is under way for a lead: cancels its scheduled and queued touches (not transactional replies), cancels its TIMER_7D/14D/30D timers, and pauses (a reply) or stops (opt-out, booking) its active enrollments, recording p_reason. Returns the counts.';

revoke execute on function brain.halt_outreach(uuid, text, text, timestamptz) from public;
grant execute on function brain.halt_outreach(uuid, text, text, timestamptz) to revenue_worker, revenue_api;
