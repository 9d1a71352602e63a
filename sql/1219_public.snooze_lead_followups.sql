-- A lead's follow-ups wait until a date ("Snooze until"): no sequence step runs for it
-- before then; a due step moves to the snooze's end (brain.run_due_sequence_steps).
create or replace function public.snooze_lead_followups(p_lead_id uuid, p_until timestamptz, p_actor text, p_now timestamptz default now())
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_lead public.leads;
begin
  if v_account is null or p_actor is null or pg_catalog.btrim(p_actor) = '' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an account (app.account_id) and an actor are required';
  end if;
  if p_until is not null and (p_until <= p_now or p_until > p_now + interval '366 days') then
    raise exception using errcode = '22023', message = 'invalid_snooze', detail = 'snooze until a time in the next year (or clear it)';
  end if;
  update public.leads l set followups_snoozed_until = p_until
  where l.id = p_lead_id and l.account_id = v_account
  returning l.* into v_lead;
  if not found then
    raise exception using errcode = 'P0002', message = 'lead_not_found', detail = 'no such lead in your account';
  end if;
  -- Runs due before the snooze ends wait for it (a cleared snooze leaves them as they are).
  if p_until is not null then
    update public.sequence_enrollments e set next_step_at = p_until
    where e.account_id = v_account and e.lead_id = v_lead.id and e.status = 'active' and e.next_step_at < p_until;
  end if;
  perform brain.record_event(v_account, v_lead.id, case when p_until is null then 'followups_unsnoozed' else 'followups_snoozed' end,
    'sequences', 'internal', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('until', p_until, 'by', p_actor)), null, p_now);
  return pg_catalog.jsonb_build_object('lead_id', v_lead.id, 'followups_snoozed_until', p_until);
end
$$;

comment on function public.snooze_lead_followups(uuid, timestamptz, text, timestamptz) is
  'Snoozes a lead''s follow-ups until p_until (null clears it; at most a year ahead: 22023 invalid_snooze): leads.followups_snoozed_until, active runs due earlier wait for p_until, and a followups_snoozed / followups_unsnoozed memory event names p_actor. P0002 lead_not_found.';

revoke execute on function public.snooze_lead_followups(uuid, timestamptz, text, timestamptz) from public;
grant execute on function public.snooze_lead_followups(uuid, timestamptz, text, timestamptz) to revenue_api;
