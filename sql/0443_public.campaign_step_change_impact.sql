-- Which enrolled leads a change to a campaign's step reaches: those whose
-- enrollment is active or paused and has not passed that step yet.
create or replace function public.campaign_step_change_impact(p_campaign_id uuid, p_step integer)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object(
    'affected_leads', count(*),
    'sample', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('lead_id', x.lead_id, 'name', x.name, 'current_step', x.current_step))
      from (select cl.lead_id, nullif(pg_catalog.btrim(concat_ws(' ', l.first_name, l.last_name)), '') as name, cl.current_step
            from public.campaign_leads cl join public.leads l on l.id = cl.lead_id and l.account_id = cl.account_id
            where cl.campaign_id = p_campaign_id and cl.status in ('active', 'paused') and cl.current_step <= p_step
            order by cl.current_step desc, cl.enrolled_at limit 5) x), '[]'::jsonb))
  from public.campaign_leads cl
  where cl.campaign_id = p_campaign_id and cl.status in ('active', 'paused') and cl.current_step <= p_step
$$;

comment on function public.campaign_step_change_impact(uuid, integer) is
  'The enrolled leads a change to step p_step of a campaign reaches: enrollments active or paused whose current_step is at most p_step (they have not passed it). Returns affected_leads and a sample of up to 5 (lead_id, name, current_step), the closest to the step first. Runs as the caller: row-level security applies.';

revoke execute on function public.campaign_step_change_impact(uuid, integer) from public;
grant execute on function public.campaign_step_change_impact(uuid, integer) to revenue_api, revenue_analyst;
