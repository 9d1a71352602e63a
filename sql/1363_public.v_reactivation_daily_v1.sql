create or replace view public.v_reactivation_daily_v1
with (security_invoker = true) as
select r.account_id, r.day, r.source, r.campaign_id,
       brain.analytics_group_name(r.source, c.name, null) as group_name,
       r.round, r.channel, r.touches_sent, r.reactivated, r.replied, r.positive, r.meeting, r.booked
from (
  select a.account_id, a.day, a.source, a.campaign_id,
         case when a.source = 'reactivation' then a.step end as round, a.channel::text as channel,
         pg_catalog.sum(a.touches_sent)::integer as touches_sent,
         pg_catalog.sum(a.units_contacted)::integer as reactivated,
         pg_catalog.sum(a.units_replied)::integer as replied,
         pg_catalog.sum(a.units_positive)::integer as positive,
         pg_catalog.sum(a.units_meeting)::integer as meeting,
         pg_catalog.sum(a.units_booked)::integer as booked
  from public.analytics_daily a
  where a.is_reactivation
  group by a.account_id, a.day, a.source, a.campaign_id, case when a.source = 'reactivation' then a.step end, a.channel
) r
left join public.campaigns c on c.id = r.campaign_id and c.account_id = r.account_id;

comment on view public.v_reactivation_daily_v1 is
  'Reactivation KPIs per account, local day, round and channel: touches whose message_class is reactivation (the reactivation orchestrator''s rounds, and campaigns of message_class reactivation), the leads they reactivated and how far those got afterwards — replied, positive, meeting, booked (a round counts until the lead''s next round). For a window, sum over its days (public.analytics_window). Read from analytics_daily (brain.refresh_analytics, every minute).';
comment on column public.v_reactivation_daily_v1.account_id is 'Owning account.';
comment on column public.v_reactivation_daily_v1.day is 'Local date (account time zone) of the reactivation touch.';
comment on column public.v_reactivation_daily_v1.source is 'reactivation (the orchestrator) or campaign (a campaign of message_class reactivation).';
comment on column public.v_reactivation_daily_v1.campaign_id is 'The campaign, for a reactivation campaign.';
comment on column public.v_reactivation_daily_v1.group_name is 'Reactivation, or the campaign''s name.';
comment on column public.v_reactivation_daily_v1.round is 'The orchestrator''s reactivation round (touch_runs.step), 1 for a lead''s first.';
comment on column public.v_reactivation_daily_v1.channel is 'Channel of the reactivation touch.';
comment on column public.v_reactivation_daily_v1.touches_sent is 'Reactivation touches sent.';
comment on column public.v_reactivation_daily_v1.reactivated is 'Leads reactivated: the round''s (or the campaign''s) first touch reached them.';
comment on column public.v_reactivation_daily_v1.replied is '... of whom replied after it (or got further).';
comment on column public.v_reactivation_daily_v1.positive is '... got as far as a positive reply.';
comment on column public.v_reactivation_daily_v1.meeting is '... got as far as a meeting.';
comment on column public.v_reactivation_daily_v1.booked is '... booked.';

grant select on public.v_reactivation_daily_v1 to revenue_api, revenue_analyst, revenue_worker;
