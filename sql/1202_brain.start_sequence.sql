-- Follow-up sequences: one lead's run of one sequence starts here, whatever started it
-- (a Meeting Requested reply, no response, a booked meeting, a person). Idempotent: a
-- lead has at most one running (active or paused) run of a sequence
-- (sequence_enrollments_running_key); a second start answers the run already there.
create or replace function brain.start_sequence(
  p_lead_id uuid,
  p_sequence_id uuid,
  p_trigger text,
  p_started_by text,
  p_anchor_at timestamptz default null,
  p_appointment_id uuid default null,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_lead public.leads;
  v_seq public.sequences;
  v_ss record;
  v_next record;
  v_id uuid;
  v_anchor timestamptz := coalesce(p_anchor_at, p_now);
begin
  if p_lead_id is null or p_sequence_id is null or p_trigger is null or p_started_by is null then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'the lead, the sequence, the trigger and who started it are required';
  end if;
  select l.* into v_lead from public.leads l where l.id = p_lead_id;
  if not found then
    raise exception using errcode = 'P0002', message = 'lead_not_found', detail = 'no such lead in this account';
  end if;
  select s.* into v_seq from public.sequences s where s.id = p_sequence_id and s.account_id = v_lead.account_id;
  if not found then
    raise exception using errcode = 'P0002', message = 'sequence_not_found', detail = 'no such sequence in this account';
  end if;
  if v_seq.archived_at is not null or not v_seq.is_active then
    return pg_catalog.jsonb_build_object('started', false, 'reason', 'sequence_inactive', 'sequence_id', v_seq.id);
  end if;
  select e.id into v_id from public.sequence_enrollments e
  where e.account_id = v_lead.account_id and e.lead_id = v_lead.id and e.sequence_id = v_seq.id
    and e.status in ('active', 'paused');
  if found then
    return pg_catalog.jsonb_build_object('started', false, 'reason', 'already_running', 'enrollment_id', v_id);
  end if;
  select s.* into v_ss from brain.lead_suppression_status_at(p_now) s where s.lead_id = v_lead.id;
  if v_lead.status in ('suppressed', 'archived') or v_lead.lead_state in ('suppressed', 'closed')
     or coalesce(v_ss.is_unsubscribed, false) then
    return pg_catalog.jsonb_build_object('started', false, 'sequence_id', v_seq.id,
      'reason', case when v_lead.status = 'archived' then 'lead_archived'
                     when v_lead.lead_state = 'closed' then 'lead_closed' else 'lead_suppressed' end);
  end if;
  select n.* into v_next from brain.sequence_next_step(v_seq.id, v_lead.id, 1, p_now, v_anchor, p_now) n;
  if v_next.step_order is null then
    return pg_catalog.jsonb_build_object('started', false, 'sequence_id', v_seq.id,
      'reason', case when v_next.skipped > 0 then 'reminders_passed' else 'no_steps' end);
  end if;
  insert into public.sequence_enrollments (account_id, lead_id, sequence_id, status, current_step, next_step_at, trigger,
                                           started_by, anchor_at, appointment_id, started_at)
  values (v_lead.account_id, v_lead.id, v_seq.id, 'active', v_next.step_order, v_next.due_at, p_trigger,
          p_started_by, v_anchor, p_appointment_id, p_now)
  on conflict (account_id, lead_id, sequence_id) where status in ('active', 'paused') do nothing
  returning id into v_id;
  if v_id is null then
    select e.id into v_id from public.sequence_enrollments e
    where e.account_id = v_lead.account_id and e.lead_id = v_lead.id and e.sequence_id = v_seq.id
      and e.status in ('active', 'paused');
    return pg_catalog.jsonb_build_object('started', false, 'reason', 'already_running', 'enrollment_id', v_id);
  end if;
  perform brain.record_event(v_lead.account_id, v_lead.id, 'sequence_started', 'sequences', 'internal',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('sequence_id', v_seq.id, 'enrollment_id', v_id,
      'trigger', p_trigger, 'started_by', p_started_by, 'appointment_id', p_appointment_id,
      'next_step', v_next.step_order, 'next_step_at', v_next.due_at)), null, p_now);
  return pg_catalog.jsonb_build_object('started', true, 'enrollment_id', v_id, 'sequence_id', v_seq.id,
                                       'current_step', v_next.step_order, 'next_step_at', v_next.due_at);
end
$$;

comment on function brain.start_sequence(uuid, uuid, text, text, timestamptz, uuid, timestamptz) is
  'Starts a lead''s run of a sequence (status active at its first step that is not a passed reminder, next_step_at from brain.sequence_next_step counted from p_now; anchor_at = p_anchor_at, the meeting for booking_reminder runs, else p_now) and records sequence_started. Idempotent: a run already active or paused answers {started: false, reason: already_running, enrollment_id}. Not started (started false, reason): sequence_inactive (inactive or archived), lead_suppressed (status or lead_state suppressed, or unsubscribed), lead_archived, lead_closed, no_steps, reminders_passed (every reminder''s time is past). Returns {started, enrollment_id, current_step, next_step_at}. P0002 lead_not_found / sequence_not_found.';

revoke execute on function brain.start_sequence(uuid, uuid, text, text, timestamptz, uuid, timestamptz) from public;
grant execute on function brain.start_sequence(uuid, uuid, text, text, timestamptz, uuid, timestamptz) to revenue_worker;
