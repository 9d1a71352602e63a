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
  with ev as (
    select * from brain.analytics_lead_events(p_account_id, p_lead_ids)
  ), touches as (
    -- A lead's group: its campaign, its sequence, each reactivation round on its own,
    -- its AI replies, its manual messages. The group's first touch anchors the funnel.
    select e.*,
           pg_catalog.row_number() over (
             partition by e.lead_id, e.source, e.campaign_id, e.sequence_id,
                          case when e.source = 'reactivation' then e.step end
             order by e.tord) as group_pos
    from ev e
    where e.kind = 0
  ), anchors as (
    -- What follows a group's first touch counts for the group; a reactivation round's
    -- count ends where the lead's next round starts. The lead's first touch anchors the
    -- account's funnel (nothing ends it).
    select a.lead_id, a.item_id, 'group' as anchor, a.tord as from_tord,
           case when a.source = 'reactivation'
                then pg_catalog.lead(a.tord) over (partition by a.lead_id, a.source = 'reactivation' order by a.tord) end as to_tord
    from touches a
    where a.group_pos = 1
    union all
    select a.lead_id, a.item_id, 'lead', a.tord, null
    from touches a
    where a.tord = 1
  ), stages as (
    -- 5 booked (an appointment booked, completed or no_show), 4 meeting (tag Meeting
    -- Requested, or any appointment: a slot was accepted), 3 positive, 2 replied.
    select n.item_id, n.anchor,
           pg_catalog.max(case when x.kind = 2 and x.status in ('booked', 'completed', 'no_show') then 5
                               when x.kind = 2 or x.is_meeting then 4
                               when x.is_positive then 3
                               else 2 end)::smallint as stage
    from anchors n
    join ev x on x.lead_id = n.lead_id and x.kind in (1, 2)
             and x.tord >= n.from_tord and (n.to_tord is null or x.tord < n.to_tord)
    group by n.item_id, n.anchor
  ), answered as (
    -- A reply answers the last touch at or before it.
    select x.lead_id, x.tord, pg_catalog.bool_or(x.is_positive) as positive
    from ev x
    where x.kind = 1 and x.tord > 0
    group by x.lead_id, x.tord
  ), booked as (
    select x.lead_id, x.attributed_tord as tord, pg_catalog.count(*)::integer as n
    from ev x
    where x.kind = 2 and x.status in ('booked', 'completed', 'no_show') and x.attributed_tord is not null
    group by x.lead_id, x.attributed_tord
  )
  select p_account_id, t.item_id, t.lead_id, t.at,
         (t.at at time zone coalesce((select o.timezone from public.org_settings o where o.account_id = p_account_id), 'UTC'))::date,
         t.source, t.campaign_id, t.sequence_id, t.step, t.channel, t.is_reactivation,
         r.lead_id is not null, coalesce(r.positive, false), coalesce(b.n, 0),
         case when t.group_pos = 1 then coalesce(gs.stage, 1::smallint) end,
         case when t.tord = 1 then coalesce(ls.stage, 1::smallint) end
  from touches t
  left join answered r on r.lead_id = t.lead_id and r.tord = t.tord
  left join booked b on b.lead_id = t.lead_id and b.tord = t.tord
  left join stages gs on gs.item_id = t.item_id and gs.anchor = 'group'
  left join stages ls on ls.item_id = t.item_id and ls.anchor = 'lead'
$$;

comment on function brain.analytics_touch_facts(uuid, uuid[]) is
  'Analytics facts of every touch of leads p_lead_ids (account p_account_id), from brain.analytics_lead_events: day (sent_at''s date in org_settings.timezone), source, campaign, sequence, step, channel, is_reactivation; replied and positive (a reply answers the last touch at or before it); booked (bookings attributed to it); unit_stage on the first touch of each of the lead''s groups (campaign, sequence, each reactivation round up to the next round, AI replies, manual messages) and lead_stage on the lead''s first touch of all: how far the lead got after it, 1 contacted, 2 replied, 3 positive, 4 meeting (tag Meeting Requested or an appointment in any status), 5 booked (appointment booked, completed or no_show). analytics_touch_facts holds the same rows once brain.refresh_analytics has counted the leads.';

revoke execute on function brain.analytics_touch_facts(uuid, uuid[]) from public;
grant execute on function brain.analytics_touch_facts(uuid, uuid[]) to revenue_worker, revenue_analyst;
