-- Follow-up sequences: what happens to a sequence step's touch tells its run. Sent (or
-- delivered): the run's last_step_at. Canceled (the dispatch path refused it: consent,
-- suppression, a template variable the lead has no value for, a reply that canceled
-- pending touches, …): the run pauses with the touch's reason (seed 003 E9/E10:
-- missing_lead_data:first_name) and goes back to that step, so resuming sends it then.
-- The WHEN clause keeps every other touch's status change free of this function.
create or replace function private.tg_touch_runs__sequence_outcome()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_e public.sequence_enrollments;
begin
  if new.status in ('sent', 'delivered') then
    update public.sequence_enrollments e
    set last_step_at = greatest(coalesce(e.last_step_at, '-infinity'::timestamptz), coalesce(new.sent_at, new.delivered_at, pg_catalog.now()))
    where e.id = new.sequence_enrollment_id and e.account_id = new.account_id;
    return null;
  end if;
  -- Canceled.
  select e.* into v_e from public.sequence_enrollments e
  where e.id = new.sequence_enrollment_id and e.account_id = new.account_id
  for update;
  if not found or v_e.status = 'canceled' then
    return null;
  end if;
  if v_e.status = 'completed' and exists (
       select 1 from public.sequence_enrollments o
       where o.account_id = v_e.account_id and o.lead_id = v_e.lead_id and o.sequence_id = v_e.sequence_id
         and o.status in ('active', 'paused') and o.id <> v_e.id) then
    return null;
  end if;
  update public.sequence_enrollments e
  set status = 'paused',
      paused_reason = case when e.status = 'paused' then e.paused_reason
                           else pg_catalog.left(coalesce(new.error_code, 'touch_canceled'), 300) end,
      paused_at = case when e.status = 'paused' then e.paused_at else pg_catalog.now() end,
      current_step = least(e.current_step, new.sequence_step),
      ended_reason = null, ended_at = null
  where e.id = v_e.id and e.account_id = v_e.account_id;
  if v_e.status <> 'paused' then
    perform brain.record_event(v_e.account_id, v_e.lead_id, 'sequence_paused', 'sequences', 'internal',
      pg_catalog.jsonb_build_object('enrollment_id', v_e.id, 'sequence_id', v_e.sequence_id, 'step', new.sequence_step,
                                    'reason', coalesce(new.error_code, 'touch_canceled'), 'touch_run_id', new.id),
      new.channel::text, pg_catalog.now());
  end if;
  return null;
end
$$;

comment on function private.tg_touch_runs__sequence_outcome() is
  'Trigger: a sequence step''s touch (touch_runs.sequence_enrollment_id) that is sent or delivered sets its run''s last_step_at; one that is canceled pauses its run (active or completed; a canceled run stays canceled) with paused_reason = the touch''s error_code (missing_lead_data:<variable>, suppressed, lead_replied, …; a run already paused keeps its reason) and current_step back to that step, so resuming sends the step again; a sequence_paused memory event names the touch. Security definer: the dispatch role needs no rights on sequence_enrollments.';

create or replace trigger sequence_outcome after update of status on public.touch_runs
  for each row
  when (new.sequence_enrollment_id is not null and new.status in ('sent', 'delivered', 'canceled')
        and old.status is distinct from new.status)
  execute function private.tg_touch_runs__sequence_outcome();
