-- A person rejects a sequence step draft: the step is skipped and the run moves on.
create or replace function public.reject_sequence_draft(p_draft_id uuid, p_actor text, p_reason text default null, p_now timestamptz default now())
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_d public.sequence_step_drafts;
  v_e public.sequence_enrollments;
  v_next record;
begin
  if p_actor is null or pg_catalog.length(pg_catalog.btrim(p_actor)) not between 1 and 200 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'who rejects is required (1-200 characters)';
  end if;
  select d.* into v_d from public.sequence_step_drafts d
  where d.id = p_draft_id and (v_account is null or d.account_id = v_account) for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'draft_not_found', detail = 'no such draft in this account';
  end if;
  if v_d.status <> 'pending' then
    return pg_catalog.jsonb_build_object('outcome', 'already_' || v_d.status, 'draft_id', v_d.id);
  end if;
  update public.sequence_step_drafts d
  set status = 'rejected', decided_by = pg_catalog.btrim(p_actor), decided_at = p_now,
      decision_reason = pg_catalog.left(coalesce(nullif(pg_catalog.btrim(p_reason), ''), 'rejected: the step is skipped'), 500)
  where d.id = v_d.id and d.account_id = v_d.account_id;
  select e.* into v_e from public.sequence_enrollments e where e.id = v_d.enrollment_id and e.account_id = v_d.account_id for update;
  if v_e.status = 'active' and v_e.current_step = v_d.step_order then
    select n.* into v_next from brain.sequence_next_step(v_e.sequence_id, v_e.lead_id, v_d.step_order + 1, p_now, v_e.anchor_at, p_now) n;
    update public.sequence_enrollments e
    set current_step = coalesce(v_next.step_order, e.current_step), next_step_at = v_next.due_at,
        status = case when v_next.step_order is null then 'completed' else 'active' end,
        ended_reason = case when v_next.step_order is null then 'completed' end,
        ended_at = case when v_next.step_order is null then p_now end
    where e.id = v_e.id and e.account_id = v_e.account_id;
  end if;
  return pg_catalog.jsonb_build_object('outcome', 'rejected', 'draft_id', v_d.id);
end
$$;

comment on function public.reject_sequence_draft(uuid, text, text, timestamptz) is
  'A person rejects a pending sequence step draft of the caller''s account: the draft is rejected (decision_reason p_reason), the step is skipped and an active run waiting on it moves to its next step (or completes). Idempotent (already_rejected / already_approved). P0002 draft_not_found.';

revoke execute on function public.reject_sequence_draft(uuid, text, text, timestamptz) from public;
grant execute on function public.reject_sequence_draft(uuid, text, text, timestamptz) to revenue_api;
