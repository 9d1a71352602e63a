-- Follow-up sequences: a paused run goes on from its current step; the step's delay is
-- counted again from the resume (seed 003 E8), so nothing fires the moment it resumes.
create or replace function brain.resume_enrollments(
  p_enrollment_ids uuid[],
  p_by text,
  p_now timestamptz default now()
)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_n integer;
begin
  with target as (
    select e.id, e.account_id, e.lead_id, e.sequence_id, e.paused_reason, n.step_order, n.due_at
    from public.sequence_enrollments e
    cross join lateral brain.sequence_next_step(e.sequence_id, e.lead_id, e.current_step, p_now, e.anchor_at, p_now) n
    where e.id = any(p_enrollment_ids) and e.status = 'paused'
  ), resumed as (
    update public.sequence_enrollments e
    set status = case when t.step_order is null then 'completed' else 'active' end,
        current_step = coalesce(t.step_order, e.current_step),
        next_step_at = t.due_at,
        paused_reason = null, paused_at = null,
        ended_reason = case when t.step_order is null then 'completed' end,
        ended_at = case when t.step_order is null then p_now end
    from target t
    where e.id = t.id and e.account_id = t.account_id and e.status = 'paused'
    returning e.id, e.account_id, e.lead_id, e.sequence_id, e.status, e.current_step, e.next_step_at, t.paused_reason
  ), logged as (
    select brain.record_event(r.account_id, r.lead_id, 'sequence_resumed', 'sequences', 'internal',
             pg_catalog.jsonb_build_object('enrollment_id', r.id, 'sequence_id', r.sequence_id, 'by', p_by,
                                           'was_paused_for', r.paused_reason, 'status', r.status,
                                           'step', r.current_step, 'next_step_at', r.next_step_at), null, p_now)
    from resumed r
  )
  select pg_catalog.count(*) into v_n from logged;
  return v_n;
end
$$;

comment on function brain.resume_enrollments(uuid[], text, timestamptz) is
  'Resumes paused sequence runs: active again at their current step, next_step_at counted from p_now (brain.sequence_next_step; a run with no step left completes), pause cleared, and a sequence_resumed memory event naming p_by and the reason it was paused. Returns how many resumed. Callers decide which runs may resume: public.resume_sequence_enrollment (a person), the setter-outbound trigger (lead_replied pauses), public.set_lead_auto_followups.';

revoke execute on function brain.resume_enrollments(uuid[], text, timestamptz) from public;
grant execute on function brain.resume_enrollments(uuid[], text, timestamptz) to revenue_worker;
