-- Engagement decays with time; this brings stored scores up to date.
create or replace function brain.refresh_lead_priorities(p_now timestamptz default now(), p_limit integer default 50000)
returns integer
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_updated integer;
begin
  with candidates as (
    select l.account_id, l.id
    from public.leads l
    where l.priority_scored_at is null
    union
    select distinct e.account_id, e.lead_id
    from public.core_memory_events e
    where e.score_delta <> 0
      and e.created_at > p_now - interval '31 days'
      and e.created_at <= p_now
  ), due as (
    select l.id
    from candidates c
    join public.leads l on l.id = c.id and l.account_id = c.account_id
    where l.priority_scored_at is null or l.priority_scored_at < p_now - interval '1 hour'
    order by l.priority_scored_at nulls first
    limit p_limit
  )
  update public.leads l
  set priority_score = brain.lead_priority(st.priority_weight, l.phone, l.phone_line_type, l.email,
                                           (select g.engagement from brain.lead_engagement(l.id, p_now) g)),
      priority_scored_at = p_now
  from due, public.lead_states st
  where l.id = due.id and st.state = l.lead_state;
  get diagnostics v_updated = row_count;
  return v_updated;
end
$$;

comment on function brain.refresh_lead_priorities(timestamptz, integer) is
  'Recomputes stored priority_score, at most p_limit leads per call: leads never scored, and leads with scored memory events in the last 31 days whose score is more than an hour old (so decay and the 30-day horizon are reflected within an hour and a day). Returns how many it updated. Run from the worker''s crontab.';

revoke execute on function brain.refresh_lead_priorities(timestamptz, integer) from public;
grant execute on function brain.refresh_lead_priorities(timestamptz, integer) to revenue_worker;
