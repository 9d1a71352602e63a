-- The touch orchestrator (seed 002 "touch-orchestrator"): turns due campaign
-- steps into touch_runs. Never sends anything itself.
create or replace function public.run_touch_orchestrator(
  p_limit integer default 500,
  p_dry_run boolean default false,
  p_now timestamptz default now()
)
returns table (
  account_id uuid,
  lead_id uuid,
  campaign_id uuid,
  step integer,
  channel text,
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
  with due as (
    select cl.account_id, cl.campaign_id, cl.lead_id, cl.current_step, c.allow_role_addresses
    from public.campaign_leads cl
    join public.campaigns c on c.id = cl.campaign_id and c.account_id = cl.account_id and c.is_active
    where cl.status = 'active' and cl.next_step_at <= p_now
    order by cl.next_step_at, cl.lead_id
    limit p_limit
    for update of cl skip locked
  ), evaluated as (
    select
      d.account_id, d.campaign_id, d.lead_id, d.current_step as step, cs.channel::text as channel,
      -- Ids are chosen here so later steps find their touch with a hashed lookup,
      -- not by joining CTEs whose row counts the planner cannot know.
      gen_random_uuid() as touch_id,
      (select coalesce(max(t.attempt), 0) + 1 from public.touch_runs t
       where t.lead_id = d.lead_id and t.campaign_id = d.campaign_id
         and t.step = d.current_step and t.channel = cs.channel) as attempt,
      ss.negative_cooldown_until,
      ew.wait_until, ap.problem,
      case
        when cs.step is null then 'skip_no_step'
        when ss.is_unsubscribed or ss.stop_event is not null or l.lead_state in ('suppressed', 'closed', 'dead', 'appointment_booked')
             or l.status = 'archived' then 'stop_lead'
        when ss.in_negative_cooldown then 'wait_cooldown'
        when cs.channel::text = any(ss.suppressed_channels) then 'skip_channel_suppressed'
        when cs.channel::text not in (select r.channel from brain.ready_channels(d.account_id) r) then 'skip_channel_not_ready'
        -- Reachability (brain.address_problem, with what enrichment learned); while the lead's
        -- enrichment has not checked the channel's address, only a missing address is known:
        -- the step waits for the enrichment (issue 19), at most until ew.wait_until.
        when ap.problem is not null then 'skip_unreachable'
        when ew.wait_until > p_now then 'wait_enrichment'
        -- A touch canceled for its content (strict templates: a placeholder the lead
        -- could not fill, no body) does not count: resume_campaign_lead plans its step again, as the next attempt.
        when exists (select 1 from public.touch_runs t
                     where t.lead_id = d.lead_id and t.campaign_id = d.campaign_id
                       and t.step = d.current_step and t.channel = cs.channel
                       and not (t.status = 'canceled'
                                and t.error_code ~ '^(missing_body|missing_lead_data:|unknown_template_variable:|invalid_template_placeholder)')) then 'skip_duplicate'
        when brain.window_start_at((select z_.time_zone from brain.lead_time_zone(l.timezone, l.phone, o.timezone) z_),
                                   o.send_window_start, o.send_window_end, p_now) = p_now then 'queued'
        else 'scheduled'
      end as decision,
      brain.window_start_at((select z_.time_zone from brain.lead_time_zone(l.timezone, l.phone, o.timezone) z_),
                            o.send_window_start, o.send_window_end, p_now) as window_start,
      (select n.delay_minutes from public.campaign_steps n
       where n.campaign_id = d.campaign_id and n.step = d.current_step + 1) as next_delay
    from due d
    join public.leads l on l.id = d.lead_id and l.account_id = d.account_id
    join public.org_settings o on o.account_id = d.account_id
    left join public.campaign_steps cs on cs.campaign_id = d.campaign_id and cs.account_id = d.account_id and cs.step = d.current_step
    join brain.lead_suppression_status_at(p_now) ss on ss.lead_id = d.lead_id
    cross join lateral (
      select brain.enrichment_wait_until(cs.channel::text, l.enrichment_status, l.enrichment_requested_at,
                                         l.phone_checked_at, l.email_checked_at, o.enrichment_wait_seconds) as wait_until
      offset 0
    ) ew
    cross join lateral (
      select case when ew.wait_until > p_now then brain.address_problem(cs.channel::text, l.phone, l.email, null)
                  else brain.address_problem(cs.channel::text, l.phone, l.email, l.phone_line_type, l.phone_status,
                                             l.email_status, l.email_is_role, l.email_is_disposable, d.allow_role_addresses)
             end as problem
      offset 0
    ) ap
  ), inserted as (
    insert into public.touch_runs (id, account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, payload, created_at)
    select e.touch_id, e.account_id, e.lead_id, e.campaign_id, e.step, e.channel, e.attempt, e.decision, e.window_start,
           brain.build_touch_payload(e.lead_id, e.campaign_id, e.step, e.channel, 'touch_orchestrator', p_now), p_now
    from evaluated e
    where not p_dry_run and e.decision in ('queued', 'scheduled')
    on conflict on constraint touch_runs_attempt_key do nothing
    returning touch_runs.id
  ), advanced as (
    update public.campaign_leads cl
    set current_step = case when e.decision in ('stop_lead', 'wait_cooldown', 'wait_enrichment') then cl.current_step else cl.current_step + 1 end,
        held_for = case when e.decision = 'wait_enrichment' then 'enrichment' end,
        next_step_at = case
          when e.decision = 'wait_cooldown' then e.negative_cooldown_until
          when e.decision = 'wait_enrichment' then e.wait_until
          when e.next_delay is not null then greatest(e.window_start, p_now) + pg_catalog.make_interval(mins => e.next_delay)
          else cl.next_step_at end,
        status = case
          when e.decision = 'stop_lead' then 'stopped'
          when e.decision not in ('wait_cooldown', 'wait_enrichment') and e.next_delay is null then 'completed'
          else cl.status end,
        stopped_at = case when e.decision = 'stop_lead' or (e.decision not in ('wait_cooldown', 'wait_enrichment') and e.next_delay is null)
                          then p_now else cl.stopped_at end,
        stop_reason = case when e.decision = 'stop_lead' then 'lead_not_contactable'
                           when e.decision not in ('wait_cooldown', 'wait_enrichment') and e.next_delay is null then 'all_steps_started'
                           else cl.stop_reason end
    from evaluated e
    where not p_dry_run
      and cl.account_id = e.account_id and cl.campaign_id = e.campaign_id and cl.lead_id = e.lead_id
    returning cl.lead_id
  ), logged as (
    -- One brain.record_event per row; the main query joins this one-row count so it always runs.
    select pg_catalog.count(brain.record_event(e.account_id, e.lead_id, 'touch_evaluated', 'touch_orchestrator', 'internal',
             pg_catalog.jsonb_build_object('decision', e.decision, 'campaign_id', e.campaign_id, 'step', e.step,
                                           'touch_run_id', case when e.touch_id in (select id from inserted) then e.touch_id end,
                                           'scheduled_at', case when e.decision = 'wait_enrichment' then e.wait_until else e.window_start end)
             -- Why a step was skipped for its address, and a decision taken after the enrichment wait ran out.
             || case when e.decision = 'skip_unreachable' then pg_catalog.jsonb_build_object('reason', e.problem) else '{}'::jsonb end
             || case when e.wait_until <= p_now and e.decision not in ('skip_no_step', 'wait_enrichment')
                     then pg_catalog.jsonb_build_object('enrichment', 'timed_out', 'waited_until', e.wait_until) else '{}'::jsonb end,
             e.channel::text, p_now)) as recorded
    from evaluated e
    where not p_dry_run
  ), skipped_steps as (
    insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, payload, created_at)
    select e.account_id, 'orchestrator_step_skipped', 'touch_orchestrator', 'campaign', e.campaign_id,
           pg_catalog.jsonb_build_object('campaign_id', e.campaign_id, 'step', e.step, 'channel', e.channel,
                                         'reason', 'channel_not_ready', 'leads', count(*)),
           p_now
    from evaluated e
    where not p_dry_run and e.decision = 'skip_channel_not_ready'
    group by e.account_id, e.campaign_id, e.step, e.channel
    returning 1
  )
  select e.account_id, e.lead_id, e.campaign_id, e.step, e.channel, e.decision,
         case when e.decision in ('queued', 'scheduled') then e.window_start when e.decision = 'wait_enrichment' then e.wait_until end,
         case when e.touch_id in (select id from inserted) then e.touch_id end
  from evaluated e cross join logged
  order by e.account_id, e.campaign_id, e.step, e.lead_id;
end
$$;

comment on function public.run_touch_orchestrator(integer, boolean, timestamptz) is
  'Touch orchestrator, one tick: takes up to p_limit active enrollments of active campaigns whose current step is due (skip locked, so ticks never overlap), and decides per lead: queued (inside the send window) or scheduled (at the next window start) with a payload v2 touch_run; stop_lead (unsubscribed, stop event, suppressed/closed/dead or archived: the enrollment stops); wait_cooldown (negative reply: retried when it ends); wait_enrichment (issue 19: the lead''s enrichment has not checked the step channel''s address yet: the step is not advanced, next_step_at moves to brain.enrichment_wait_until and held_for = enrichment, released at once when the enrichment finishes; scheduled_at is that time); skip_channel_suppressed, skip_channel_not_ready, skip_unreachable (brain.address_problem with the campaign''s allow_role_addresses: the event''s payload names the reason, e.g. phone_invalid, email_hard_bounced), skip_duplicate (the step is passed over; a touch canceled for its content (missing_body, missing_lead_data:, unknown_template_variable:, invalid_template_placeholder) does not count, so a resumed enrollment gets its step again as the next attempt). Each lead gets a touch_evaluated memory event (after the enrichment wait ran out with the enrichment still pending, its payload says enrichment: timed_out and waited_until); each skipped not-ready step one account_events row (the worker logs ORCH_<CHANNEL>_DISABLED lines from the result). Enrollments move to their next step (or complete). p_dry_run returns the decisions and writes nothing.';

revoke execute on function public.run_touch_orchestrator(integer, boolean, timestamptz) from public;
grant execute on function public.run_touch_orchestrator(integer, boolean, timestamptz) to revenue_worker, revenue_api;
