-- Set-returning so the planner inlines it into the views.
create or replace function brain.lead_engagement(p_lead_id uuid, p_now timestamptz)
returns table (engagement numeric)
language sql
stable
as $$
  select coalesce(sum(e.score_delta * pg_catalog.exp(-extract(epoch from (p_now - e.created_at)) / 864000.0)), 0)::numeric
  from public.core_memory_events e
  where e.lead_id = p_lead_id
    and e.created_at > p_now - interval '30 days'
    and e.created_at <= p_now
    and e.score_delta <> 0
$$;

comment on function brain.lead_engagement(uuid, timestamptz) is
  'Recent engagement of a lead as of p_now (one row): the sum of score_delta of its memory events in the last 30 days, each weighted e^(-age / 10 days).';
