create or replace view public.v_funnel_daily_v1
with (security_invoker = true) as
select g.account_id, g.day, g.group_kind, g.campaign_id, g.sequence_id,
       brain.analytics_group_name(g.group_kind, c.name, s.name) as group_name,
       g.contacted, g.replied, g.positive, g.meeting, g.booked
from (
  select a.account_id, a.day, a.source as group_kind, a.campaign_id, a.sequence_id,
         pg_catalog.sum(a.units_contacted)::integer as contacted,
         pg_catalog.sum(a.units_replied)::integer as replied,
         pg_catalog.sum(a.units_positive)::integer as positive,
         pg_catalog.sum(a.units_meeting)::integer as meeting,
         pg_catalog.sum(a.units_booked)::integer as booked
  from public.analytics_daily a
  where a.units_contacted > 0
  group by a.account_id, a.day, a.source, a.campaign_id, a.sequence_id
  union all
  select a.account_id, a.day, 'all', null, null,
         pg_catalog.sum(a.leads_contacted)::integer,
         pg_catalog.sum(a.leads_replied)::integer,
         pg_catalog.sum(a.leads_positive)::integer,
         pg_catalog.sum(a.leads_meeting)::integer,
         pg_catalog.sum(a.leads_booked)::integer
  from public.analytics_daily a
  where a.leads_contacted > 0
  group by a.account_id, a.day
) g
left join public.campaigns c on c.id = g.campaign_id and c.account_id = g.account_id
left join public.sequences s on s.id = g.sequence_id and s.account_id = g.account_id;

comment on view public.v_funnel_daily_v1 is
  'The funnel contacted → replied → positive → meeting → booked, per account, local day and group, counting leads once per stage and group (seed 003 §18). A lead enters a group''s funnel on the day of its first touch in the group (campaign, sequence, each reactivation round, AI replies, manual messages; group_kind all: its first touch of all) and counts in every stage up to the furthest it reached after that touch (a reactivation round until the lead''s next round): replied (a reply from a person), positive (tag Interested, Meeting Requested or Follow Up; untagged: classification positive), meeting (tag Meeting Requested or an appointment in any status), booked (appointment booked, completed or no_show). For a window, sum over its days: where day between from_day and to_day (public.analytics_window). Read from analytics_daily, which brain.refresh_analytics keeps (every minute).';
comment on column public.v_funnel_daily_v1.account_id is 'Owning account.';
comment on column public.v_funnel_daily_v1.day is 'Local date (account time zone) of the first touch that brought the leads into the group.';
comment on column public.v_funnel_daily_v1.group_kind is 'all (every lead, by its first touch of all), campaign, sequence, reactivation, ai_reply or manual.';
comment on column public.v_funnel_daily_v1.campaign_id is 'The campaign (group_kind campaign).';
comment on column public.v_funnel_daily_v1.sequence_id is 'The sequence (group_kind sequence).';
comment on column public.v_funnel_daily_v1.group_name is 'Campaign or sequence name; All leads, Reactivation, AI replies or Manual messages otherwise.';
comment on column public.v_funnel_daily_v1.contacted is 'Leads contacted (first touch in the group on this day).';
comment on column public.v_funnel_daily_v1.replied is '... of whom replied afterwards (or got further).';
comment on column public.v_funnel_daily_v1.positive is '... got as far as a positive reply.';
comment on column public.v_funnel_daily_v1.meeting is '... got as far as a meeting (Meeting Requested or an appointment).';
comment on column public.v_funnel_daily_v1.booked is '... booked a meeting.';

grant select on public.v_funnel_daily_v1 to revenue_api, revenue_analyst, revenue_worker;
