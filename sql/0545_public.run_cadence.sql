-- The cadence runner (seed 000 run-cadence): enrolls eligible new leads into the
-- account's auto-enroll campaigns, skipping steps whose channel cannot send.
create or replace function public.run_cadence(
  p_limit integer default 1000,
  p_dry_run boolean default false,
  p_now timestamptz default now()
)
returns table (
  account_id uuid,
  lead_id uuid,
  campaign_id uuid,
  first_step integer,
  first_channel text,
  next_step_at timestamptz,
  decision text
)
language plpgsql
volatile
set search_path = ''
as $$
begin
  return query
  with eligible as (
    -- Seed 000's gates: status new, phone not null, account not null, lead_state not dead.
    select l.id as lead_id, l.account_id, c.id as campaign_id
    from public.leads l
    join public.campaigns c on c.account_id = l.account_id and c.is_active and c.auto_enroll
    where l.status = 'new'
      and l.phone is not null
      and l.account_id is not null
      and l.lead_state <> 'dead'
      and not exists (select 1 from public.campaign_leads cl where cl.account_id = l.account_id and cl.lead_id = l.id and cl.campaign_id = c.id)
    order by l.created_at, l.id
    limit p_limit
  ), planned as (
    select e.*, f.step as first_step, f.channel as first_channel, f.delay_minutes,
           case when f.step is null then 'no_ready_step' else 'enrolled' end as decision
    from eligible e
    left join lateral (
      -- cadenceFiltered: steps on channels that cannot send are left out.
      select s.step, s.channel::text as channel, s.delay_minutes
      from public.campaign_steps s
      where s.campaign_id = e.campaign_id and brain.channel_ready(e.account_id, s.channel)
      order by s.step
      limit 1
    ) f on true
  ), enrolled as (
    insert into public.campaign_leads (account_id, campaign_id, lead_id, current_step, enrolled_at, next_step_at)
    select p.account_id, p.campaign_id, p.lead_id, p.first_step, p_now,
           p_now + pg_catalog.make_interval(mins => p.delay_minutes)
    from planned p
    where not p_dry_run and p.decision = 'enrolled'
    on conflict do nothing
    returning pg_catalog.concat(campaign_leads.lead_id, ':', campaign_leads.campaign_id) as k
  ), logged as (
    -- One brain.record_event per row; the main query joins this one-row count so it always runs.
    select pg_catalog.count(brain.record_event(p.account_id, p.lead_id, 'cadence_enrolled', 'run_cadence', 'internal',
             pg_catalog.jsonb_build_object('campaign_id', p.campaign_id, 'first_step', p.first_step),
             p_created_at => p_now)) as recorded
    from planned p
    where pg_catalog.concat(p.lead_id, ':', p.campaign_id) in (select k from enrolled)
  )
  select p.account_id, p.lead_id, p.campaign_id, p.first_step, p.first_channel,
         case when p.decision = 'enrolled' then p_now + pg_catalog.make_interval(mins => p.delay_minutes) end,
         p.decision
  from planned p cross join logged
  order by p.account_id, p.campaign_id, p.lead_id;
end
$$;

comment on function public.run_cadence(integer, boolean, timestamptz) is
  'Cadence runner, one tick: enrolls up to p_limit leads that pass seed 000''s gates (status new, phone not null, account not null, lead_state not dead) into each active auto_enroll campaign of their account they are not in yet, starting at the first step whose channel can send (steps on channels that are not ready, e.g. email without Elastic Email, are filtered out). A campaign with no sendable step enrolls nobody (decision no_ready_step). p_dry_run writes nothing.';

revoke execute on function public.run_cadence(integer, boolean, timestamptz) from public;
grant execute on function public.run_cadence(integer, boolean, timestamptz) to revenue_worker, revenue_api;
