-- Strict templates (issue 13): a person fixed the lead (or the step); the paused
-- enrollment runs again from the step it stopped at.
create or replace function public.resume_campaign_lead(
  p_campaign_id uuid,
  p_lead_id uuid,
  p_actor text default null,
  p_now timestamptz default now()
)
returns setof public.campaign_leads
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_enrollment public.campaign_leads;
  v_step public.campaign_steps;
  v_values jsonb;
  v_problems text[];
begin
  select cl.* into v_enrollment from public.campaign_leads cl
  where cl.campaign_id = p_campaign_id and cl.lead_id = p_lead_id
  for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'enrollment_not_found',
      detail = 'this lead is not enrolled in that campaign';
  end if;
  if v_enrollment.status <> 'paused' then
    raise exception using errcode = 'P0001', message = 'enrollment_not_paused',
      detail = pg_catalog.format('the enrollment is %s; only a paused one can be resumed', v_enrollment.status);
  end if;

  -- Resuming into the same failure helps nobody: the step must render for this lead now.
  select s.* into v_step from public.campaign_steps s
  where s.campaign_id = p_campaign_id and s.step = v_enrollment.current_step;
  if found then
    v_values := coalesce(brain.template_values(p_lead_id), '{}'::jsonb);
    v_problems := brain.template_problems(v_step.body, v_values) || brain.template_problems(v_step.subject, v_values);
    if pg_catalog.cardinality(v_problems) > 0 then
      raise exception using errcode = 'P0001', message = pg_catalog.split_part(v_problems[1], ':', 1),
        detail = pg_catalog.format('step %s still cannot be sent to this lead (%s): fill in the lead, or give the placeholder a default such as {{first_name|there}}',
                                   v_step.step, pg_catalog.array_to_string(v_problems, ', '));
    end if;
  end if;

  update public.campaign_leads
  set status = 'active', paused_at = null, stopped_at = null, stop_reason = null, next_step_at = p_now
  where account_id = v_enrollment.account_id and campaign_id = p_campaign_id and lead_id = p_lead_id;
  perform brain.record_event(v_enrollment.account_id, p_lead_id, 'enrollment_resumed', 'resume_campaign_lead', 'internal',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'campaign_id', p_campaign_id, 'step', v_enrollment.current_step,
      'previous_reason', v_enrollment.stop_reason, 'actor', p_actor)),
    p_created_at => p_now);

  return query select cl.* from public.campaign_leads cl where cl.campaign_id = p_campaign_id and cl.lead_id = p_lead_id;
end
$$;

comment on function public.resume_campaign_lead(uuid, uuid, text, timestamptz) is
  'Resumes a paused enrollment (e.g. paused with missing_lead_data:<variable> by brain.claim_touch): status active, due at p_now from its current step (the step whose touch was canceled), reason cleared, an enrollment_resumed memory event with the previous reason and p_actor. Refuses (P0001) when the current step still cannot be rendered for the lead (missing_lead_data, unknown_template_variable: detail names them) or the enrollment is not paused (enrollment_not_paused); P0002 enrollment_not_found. Returns the enrollment re-read.';

revoke execute on function public.resume_campaign_lead(uuid, uuid, text, timestamptz) from public;
grant execute on function public.resume_campaign_lead(uuid, uuid, text, timestamptz) to revenue_api, revenue_worker;
