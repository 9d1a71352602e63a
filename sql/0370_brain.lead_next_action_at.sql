-- What the brain decides for every lead, as of p_now. Inlined by the planner
-- (language sql, no SET clause), so `where lead_id = …` reaches every index.
-- A touch already pending (scheduled or queued) is what happens next, so it is
-- reported before the next campaign step (issue 13: the "why" must be true).
create or replace function brain.lead_next_action_at(p_now timestamptz)
returns table (
  lead_id uuid,
  account_id uuid,
  campaign_id uuid,
  lead_state text,
  priority_score integer,
  next_action text,
  next_action_at timestamptz,
  recommended_action text,
  recommended_delay_minutes integer,
  recommended_channel text,
  effective_channel text,
  reason text,
  lead_name text
)
language sql
stable
as $$
  select
    l.id,
    l.account_id,
    case when a.pending then pend.campaign_id else enr.campaign_id end,
    l.lead_state,
    brain.lead_priority(st.priority_weight, l.phone, l.phone_line_type, l.email, eng.engagement),
    d.next_action,
    d.next_action_at,
    d.next_action,
    case when d.next_action_at is not null
         then greatest(0, pg_catalog.ceil(extract(epoch from (d.next_action_at - p_now)) / 60))::integer end,
    d.recommended_channel,
    d.effective_channel,
    d.reason,
    nullif(pg_catalog.btrim(pg_catalog.concat_ws(' ', l.first_name, l.last_name)), '')
  from public.leads l
  join public.org_settings s on s.account_id = l.account_id
  join public.lead_states st on st.state = l.lead_state
  cross join lateral brain.lead_engagement(l.id, p_now) eng
  join brain.lead_suppression_status_at(p_now) ss on ss.lead_id = l.id
  -- The touch already pending (scheduled or queued) that dispatch will claim
  -- first: the earliest by scheduled_at among those created by p_now
  -- (touch_runs_pending_lead_idx). A touch brain.claim_touch cancels on sight
  -- does not count: a campaign touch whose campaign is off or whose enrollment
  -- is neither active nor completed, a campaign touch to a dead lead, any touch
  -- to an archived lead, a suppressed or not-ready channel, no address, and
  -- during a negative cooldown any touch but a transactional one (a STOP
  -- confirmation, a HELP reply).
  -- (Unsubscribe and stop events win over a pending touch: rule 1 below.)
  left join lateral (
    select t.id, t.status, t.channel::text as channel, t.campaign_id, t.scheduled_at,
           coalesce(t.payload -> 'meta' ->> 'transactional' = 'true', false) as transactional,
           (t.campaign_id is null
             and coalesce(t.payload -> 'meta' ->> 'source' = 'brain_full_auto_reactivation', false)) as reactivation
    from public.touch_runs t
    where t.lead_id = l.id
      and l.status <> 'archived'
      and t.status in ('scheduled', 'queued')
      and t.created_at <= p_now
      and (not ss.in_negative_cooldown or coalesce(t.payload -> 'meta' ->> 'transactional' = 'true', false))
      and not (t.channel::text = any(ss.suppressed_channels))
      -- Reachable as enrichment knows it (brain.address_problem, the claim's own rule).
      and brain.address_problem(t.channel::text, l.phone, l.email, l.phone_line_type, l.phone_status, l.email_status,
                                l.email_is_role, l.email_is_disposable,
                                t.campaign_id is null or exists (select 1 from public.campaigns c_
                                                                 where c_.id = t.campaign_id and c_.allow_role_addresses)) is null
      and t.channel::text in (select r.channel from brain.ready_channels(l.account_id) r)
      and (t.campaign_id is null or (
        l.lead_state <> 'dead'
        and exists (select 1 from public.campaigns c where c.id = t.campaign_id and c.is_active)
        and exists (select 1 from public.campaign_leads cl
                    where cl.campaign_id = t.campaign_id and cl.lead_id = l.id and cl.status in ('active', 'completed'))))
    order by t.scheduled_at, t.created_at, t.id
    limit 1
  ) pend on true
  -- The enrollment whose pending step is due first.
  left join lateral (
    select cl.campaign_id, cl.current_step, cl.next_step_at, cs.channel::text as step_channel,
           coalesce(cs.fallback, pg_catalog.jsonb_build_object('order', pg_catalog.jsonb_build_array(cs.channel::text))) as plan
    from public.campaign_leads cl
    join public.campaigns c on c.id = cl.campaign_id and c.account_id = cl.account_id and c.is_active
    join public.campaign_steps cs on cs.campaign_id = cl.campaign_id and cs.account_id = cl.account_id and cs.step = cl.current_step
    where cl.lead_id = l.id and cl.status = 'active'
    order by cl.next_step_at, cl.enrolled_at, cl.campaign_id
    limit 1
  ) enr on true
  left join lateral (
    select exists (
      select 1 from public.campaign_leads cl
      join public.campaigns c on c.id = cl.campaign_id and c.account_id = cl.account_id and c.is_active
      where cl.lead_id = l.id and cl.status = 'active') as any_active
  ) enrolled on true
  -- The channel the fallback plan of that step leads to: the step's channel
  -- first, then the rest of the order, skipping unusable or exhausted channels.
  left join lateral (
    select p.channel
    from (
      select f.*, max(f.pos) filter (where f.channel = enr.step_channel) over () as step_pos
      from brain.fallback_plan(l.account_id, l.id, enr.campaign_id, enr.current_step, enr.plan, p_now) f
    ) p
    where p.ready and p.reachable and p.attempts_done < p.attempts_allowed
    order by (p.channel = enr.step_channel) desc, (p.pos > coalesce(p.step_pos, 0)) desc, p.pos
    limit 1
  ) eff on enr.campaign_id is not null
  -- Reactivation goes by voice, then WhatsApp, SMS, email.
  left join lateral (
    select
      (select c from pg_catalog.unnest(array['voice', 'whatsapp', 'sms', 'email']) with ordinality u(c, n)
       where brain.address_problem(c, l.phone, l.email, l.phone_line_type, l.phone_status, l.email_status,
                                   l.email_is_role, l.email_is_disposable, true) is null order by n limit 1) as recommended,
      (select c from pg_catalog.unnest(array['voice', 'whatsapp', 'sms', 'email']) with ordinality u(c, n)
       where brain.address_problem(c, l.phone, l.email, l.phone_line_type, l.phone_status, l.email_status,
                                   l.email_is_role, l.email_is_disposable, true) is null
         and c in (select r.channel from brain.ready_channels(l.account_id) r) order by n limit 1) as effective
  ) rc on true
  cross join lateral (
    select
      (select z_.time_zone from brain.lead_time_zone(l.timezone, l.phone, s.timezone) z_) as tz,
      (not enrolled.any_active
        and ss.reactivation_eligible_at is not null
        and p_now >= ss.reactivation_eligible_at) as reactivatable
  ) z
  cross join lateral (
    select
      case
        when ss.is_unsubscribed then 'stop_all'
        when l.lead_state in ('suppressed', 'closed', 'appointment_booked') then 'stop_all'
        when ss.stop_event is not null then 'stop_all'
        when pend.id is not null then case when pend.reactivation then 'reactivate' else 'send' end
        when l.lead_state = 'dead' and not (z.reactivatable and rc.effective is not null) then 'stop_all'
        when ss.in_negative_cooldown then 'cooldown'
        when l.lead_state <> 'dead' and enr.campaign_id is not null and eff.channel is not null then 'send'
        when z.reactivatable and rc.effective is not null then 'reactivate'
        else 'do_nothing'
      end as next_action,
      (pend.id is not null and not ss.is_unsubscribed and l.lead_state not in ('suppressed', 'closed', 'appointment_booked')
        and ss.stop_event is null) as pending
  ) a
  cross join lateral (
    select
      a.next_action,
      case
        when a.pending and pend.transactional then greatest(pend.scheduled_at, p_now)
        when a.pending then brain.window_start_at(z.tz, s.send_window_start, s.send_window_end, greatest(pend.scheduled_at, p_now))
      else case a.next_action
        when 'cooldown' then ss.negative_cooldown_until
        when 'send' then brain.window_start_at(z.tz, s.send_window_start, s.send_window_end, greatest(enr.next_step_at, p_now))
        when 'reactivate' then brain.window_start_at(z.tz, s.send_window_start, s.send_window_end, greatest(ss.reactivation_eligible_at, p_now))
      end end as next_action_at,
      case when a.pending then pend.channel else case a.next_action
        when 'send' then enr.step_channel
        when 'cooldown' then enr.step_channel
        when 'reactivate' then rc.recommended
      end end as recommended_channel,
      case when a.pending then pend.channel else case a.next_action
        when 'send' then eff.channel
        when 'reactivate' then rc.effective
      end end as effective_channel,
      case
        when ss.is_unsubscribed then 'unsubscribed:' || ss.suppression_reason
        when l.lead_state in ('suppressed', 'closed', 'appointment_booked') then 'lead_state:' || l.lead_state
        when ss.stop_event is not null then 'stop_event:' || ss.stop_event
        when a.pending then 'touch_' || pend.status || ':' || pend.id
        when a.next_action = 'stop_all' then 'lead_state:dead'
        when a.next_action = 'cooldown' then 'negative_cooldown'
        when a.next_action = 'send' then 'campaign_step_pending'
        when a.next_action = 'reactivate' then 'reactivation_due'
        when enr.campaign_id is not null or (z.reactivatable and rc.effective is null) then 'no_ready_channel'
        when enrolled.any_active then 'no_pending_step'
        when ss.last_touch_at is null then 'never_touched'
        when ss.reactivation_eligible_at is null then 'replied_since_last_touch'
        else 'reactivation_not_due'
      end as reason
  ) d
$$;

comment on function brain.lead_next_action_at(timestamptz) is
  'lead_next_action_view_v5 as of p_now. See the view''s comment for the rules.';
