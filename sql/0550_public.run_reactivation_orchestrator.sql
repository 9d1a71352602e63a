-- The reactivation orchestrator (seed 002 reactivation-orchestrator-v1).
create or replace function public.run_reactivation_orchestrator(
  p_limit integer default 200,
  p_dry_run boolean default false,
  p_now timestamptz default now()
)
returns table (
  account_id uuid,
  lead_id uuid,
  channel text,
  round integer,
  decision text,
  scheduled_at timestamptz,
  touch_run_id uuid
)
language plpgsql
volatile
set search_path = ''
as $$
begin
  return query
  with candidates as (
    select v.account_id, v.lead_id, v.effective_channel as channel, v.next_action_at,
           (select coalesce(max(t.step), 0) + 1 from public.touch_runs t
            where t.lead_id = v.lead_id and t.campaign_id is null
              and t.payload -> 'meta' ->> 'source' = 'brain_full_auto_reactivation') as round,
           exists (select 1 from public.touch_runs t
                   join brain.lead_suppression_status_at(p_now) ss on ss.lead_id = t.lead_id
                   where t.lead_id = v.lead_id and t.campaign_id is null
                     and t.payload -> 'meta' ->> 'source' = 'brain_full_auto_reactivation'
                     and t.created_at >= coalesce(ss.last_touch_at, '-infinity'::timestamptz)) as pending
    from brain.lead_next_action_at(p_now) v
    where v.next_action = 'reactivate'
    order by v.priority_score desc, v.lead_id
    limit p_limit
  ), decided as (
    select c.*, case when c.pending then 'skip_duplicate' when c.next_action_at <= p_now then 'queued' else 'scheduled' end as decision,
           gen_random_uuid() as touch_id
    from candidates c
  ), inserted as (
    insert into public.touch_runs (id, account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, payload, created_at)
    select d.touch_id, d.account_id, d.lead_id, null, d.round, d.channel, 1, d.decision, greatest(d.next_action_at, p_now),
           brain.build_touch_payload(d.lead_id, null, d.round, d.channel, 'brain_full_auto_reactivation', p_now), p_now
    from decided d
    where not p_dry_run and d.decision in ('queued', 'scheduled')
    on conflict on constraint touch_runs_attempt_key do nothing
    returning touch_runs.id
  ), logged as (
    -- One brain.record_event per row; the main query joins this one-row count so it always runs.
    select pg_catalog.count(brain.record_event(d.account_id, d.lead_id, 'reactivation_created', 'reactivation_orchestrator',
             'internal', pg_catalog.jsonb_build_object('touch_run_id', d.touch_id, 'round', d.round),
             d.channel::text, p_now)) as recorded
    from decided d
    where not p_dry_run and d.touch_id in (select id from inserted)
  ), summary as (
    insert into public.account_events (account_id, event_type, event_source, subject_type, payload, created_at)
    select d.account_id, 'reactivation_tick', 'reactivation_orchestrator', 'orchestrator',
           pg_catalog.jsonb_build_object('created', count(*) filter (where d.decision in ('queued', 'scheduled')),
                                         'skipped_duplicates', count(*) filter (where d.decision = 'skip_duplicate')),
           p_now
    from decided d
    where not p_dry_run
    group by d.account_id
    returning 1
  )
  select d.account_id, d.lead_id, d.channel, d.round, d.decision,
         case when d.decision in ('queued', 'scheduled') then greatest(d.next_action_at, p_now) end,
         case when d.touch_id in (select id from inserted) then d.touch_id end
  from decided d cross join logged
  order by d.account_id, d.lead_id;
end
$$;

comment on function public.run_reactivation_orchestrator(integer, boolean, timestamptz) is
  'Reactivation orchestrator, one tick: takes up to p_limit leads whose lead_next_action_view_v5 decision is reactivate (highest priority first), skips those that already have a reactivation touch since their last touch, and creates one touch per lead on its effective channel with meta.source = brain_full_auto_reactivation (step = reactivation round, fallback plan brain.reactivation_plan). Logs reactivation_created per lead and a reactivation_tick summary per account. p_dry_run writes nothing.';

revoke execute on function public.run_reactivation_orchestrator(integer, boolean, timestamptz) from public;
grant execute on function public.run_reactivation_orchestrator(integer, boolean, timestamptz) to revenue_worker, revenue_api;
