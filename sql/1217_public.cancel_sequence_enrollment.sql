-- A setter cancels a lead's sequence run: it ends, its pending step is withdrawn.
create or replace function public.cancel_sequence_enrollment(p_enrollment_id uuid, p_actor text, p_now timestamptz default now())
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_e public.sequence_enrollments;
begin
  if v_account is null or p_actor is null or pg_catalog.btrim(p_actor) = '' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an account (app.account_id) and an actor are required';
  end if;
  select e.* into v_e from public.sequence_enrollments e where e.id = p_enrollment_id and e.account_id = v_account for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'enrollment_not_found', detail = 'no such sequence run in your account';
  end if;
  if v_e.status in ('completed', 'canceled') then
    return pg_catalog.jsonb_build_object('enrollment_id', v_e.id, 'status', v_e.status, 'changed', false);
  end if;
  update public.sequence_enrollments e
  set status = 'canceled', ended_reason = pg_catalog.left('canceled by ' || p_actor, 300), ended_at = p_now,
      next_step_at = null, paused_reason = null, paused_at = null
  where e.id = v_e.id and e.account_id = v_account;
  update public.touch_runs t set status = 'canceled', error_code = 'enrollment_canceled', error_message = 'canceled: the sequence run was canceled'
  where t.account_id = v_account and t.sequence_enrollment_id = v_e.id and t.status in ('scheduled', 'queued');
  update public.sequence_step_drafts d set status = 'rejected', decided_by = pg_catalog.left(p_actor, 200), decided_at = p_now,
         decision_reason = 'the sequence run was canceled'
  where d.account_id = v_account and d.enrollment_id = v_e.id and d.status = 'pending';
  perform brain.record_event(v_account, v_e.lead_id, 'sequence_canceled', 'sequences', 'internal',
    pg_catalog.jsonb_build_object('enrollment_id', v_e.id, 'sequence_id', v_e.sequence_id, 'by', p_actor), null, p_now);
  return pg_catalog.jsonb_build_object('enrollment_id', v_e.id, 'status', 'canceled', 'changed', true);
end
$$;

comment on function public.cancel_sequence_enrollment(uuid, text, timestamptz) is
  'A person cancels an active or paused sequence run of the caller''s account: status canceled (ended_reason "canceled by <actor>"), its scheduled or queued touches canceled (enrollment_canceled), its pending approval drafts rejected, and a sequence_canceled memory event. Idempotent for a run already completed or canceled (changed false). P0002 enrollment_not_found.';

revoke execute on function public.cancel_sequence_enrollment(uuid, text, timestamptz) from public;
grant execute on function public.cancel_sequence_enrollment(uuid, text, timestamptz) to revenue_api;
