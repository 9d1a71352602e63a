-- The template editor's preview: a step's subject and body as a chosen lead
-- would receive them, or the problems that would stop the send.
create or replace function public.preview_campaign_step(p_campaign_id uuid, p_step integer, p_lead_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_step public.campaign_steps;
  v_vars jsonb;
  v_problems text[];
begin
  select s.* into v_step from public.campaign_steps s where s.campaign_id = p_campaign_id and s.step = p_step;
  if not found then
    raise exception using errcode = 'P0002', message = 'step_not_found', detail = 'no such step in this campaign';
  end if;
  if not exists (select 1 from public.leads l where l.id = p_lead_id and l.account_id = v_step.account_id) then
    raise exception using errcode = 'P0002', message = 'lead_not_found', detail = 'no lead with this id in your account';
  end if;
  v_vars := coalesce(brain.template_values(p_lead_id), '{}'::jsonb);
  v_problems := brain.template_problems(v_step.body, v_vars) || brain.template_problems(v_step.subject, v_vars);
  if v_step.body is null and v_step.channel::text <> 'voice' then
    v_problems := array['missing_body'] || v_problems;
  end if;
  return pg_catalog.jsonb_build_object(
    'step', v_step.step, 'channel', v_step.channel, 'lead_id', p_lead_id,
    'problems', coalesce(pg_catalog.to_jsonb(v_problems), '[]'::jsonb),
    'subject', case when pg_catalog.cardinality(v_problems) = 0 then brain.render_template(v_step.subject, v_vars) end,
    'body', case when pg_catalog.cardinality(v_problems) = 0 then brain.render_template(v_step.body, v_vars) end);
end
$$;

comment on function public.preview_campaign_step(uuid, integer, uuid) is
  'The template editor''s preview of one campaign step for one lead of the account: subject and body rendered with brain.template_values of the lead exactly as claim_touch would, or, when it would not be sent, problems (missing_body, missing_lead_data:<variable>, unknown_template_variable:<variable>) and null texts. Writes nothing. P0002 step_not_found, lead_not_found.';

revoke execute on function public.preview_campaign_step(uuid, integer, uuid) from public;
grant execute on function public.preview_campaign_step(uuid, integer, uuid) to revenue_api, revenue_analyst;
