-- The analytics facts of every touch of some leads, computed from the source tables:
-- what analytics_touch_facts holds for them once brain.refresh_analytics has run.
create or replace function brain.analytics_touch_facts(p_account_id uuid, p_lead_ids uuid[])
returns table (
  account_id uuid,
  touch_run_id uuid,
  lead_id uuid,
  sent_at timestamptz,
  day date,
  source text,
  campaign_id uuid,
  sequence_id uuid,
  step integer,
  channel text,
  is_reactivation boolean,
  replied boolean,
  positive boolean,
  booked integer,
  unit_stage smallint,
  lead_stage smallint
)
language sql
stable
as $$
  select p_account_id, e.item_id, e.lead_id, e.at,
         (e.at at time zone coalesce((select o.timezone from public.org_settings o where o.account_id = p_account_id), 'UTC'))::date,
         e.source, e.campaign_id, e.sequence_id, e.step, e.channel, e.is_reactivation,
         e.replied, e.positive, e.booked, e.unit_stage, e.lead_stage
  from brain.analytics_lead_events(p_account_id, p_lead_ids) e
  where e.kind = 0
$$;

comment on function brain.analytics_touch_facts(uuid, uuid[]) is
  'Analytics facts of every touch of leads p_lead_ids (account p_account_id), from brain.analytics_lead_events: day (sent_at''s date in org_settings.timezone), source, campaign, sequence, step, channel, is_reactivation, replied, positive, booked, unit_stage (first touch of each of the lead''s groups) and lead_stage (the lead''s first touch). analytics_touch_facts holds the same rows once brain.refresh_analytics has counted the leads.';

revoke execute on function brain.analytics_touch_facts(uuid, uuid[]) from public;
grant execute on function brain.analytics_touch_facts(uuid, uuid[]) to revenue_worker, revenue_analyst;
