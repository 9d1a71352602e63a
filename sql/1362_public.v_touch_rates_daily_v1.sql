create or replace view public.v_touch_rates_daily_v1
with (security_invoker = true) as
select r.account_id, r.day, r.source, r.campaign_id, r.sequence_id,
       brain.analytics_group_name(r.source, c.name, s.name) as group_name,
       r.step, r.channel, r.touches_sent, r.touches_replied, r.touches_positive, r.touches_booked
from (
  select a.account_id, a.day, a.source, a.campaign_id, a.sequence_id, a.step, a.channel::text as channel,
         pg_catalog.sum(a.touches_sent)::integer as touches_sent,
         pg_catalog.sum(a.touches_replied)::integer as touches_replied,
         pg_catalog.sum(a.touches_positive)::integer as touches_positive,
         pg_catalog.sum(a.touches_booked)::integer as touches_booked
  from public.analytics_daily a
  group by a.account_id, a.day, a.source, a.campaign_id, a.sequence_id, a.step, a.channel
) r
left join public.campaigns c on c.id = r.campaign_id and c.account_id = r.account_id
left join public.sequences s on s.id = r.sequence_id and s.account_id = r.account_id;

comment on view public.v_touch_rates_daily_v1 is
  'Touches sent and what became of them, per account, local day (of the touch), source, campaign or sequence, step and channel: the ground of reply rate (touches_replied / touches_sent) and booking rate (touches_booked / touches_sent) per channel and per step. A reply counts for the last touch sent at or before it; a booking for the touch v_booking_attribution_v1 names. For a window, sum over its days (public.analytics_window). Read from analytics_daily (brain.refresh_analytics, every minute).';
comment on column public.v_touch_rates_daily_v1.account_id is 'Owning account.';
comment on column public.v_touch_rates_daily_v1.day is 'Local date (account time zone) the touches were sent.';
comment on column public.v_touch_rates_daily_v1.source is 'campaign, sequence, reactivation, ai_reply or manual.';
comment on column public.v_touch_rates_daily_v1.campaign_id is 'The campaign (campaign touches).';
comment on column public.v_touch_rates_daily_v1.sequence_id is 'The sequence (sequence steps).';
comment on column public.v_touch_rates_daily_v1.group_name is 'Campaign or sequence name; Reactivation, AI replies or Manual messages otherwise.';
comment on column public.v_touch_rates_daily_v1.step is 'Campaign step, sequence step or reactivation round (null for AI replies and manual messages).';
comment on column public.v_touch_rates_daily_v1.channel is 'sms, voice, whatsapp or email.';
comment on column public.v_touch_rates_daily_v1.touches_sent is 'Touches sent (status sent or delivered).';
comment on column public.v_touch_rates_daily_v1.touches_replied is '... that the lead replied to.';
comment on column public.v_touch_rates_daily_v1.touches_positive is '... with a positive reply.';
comment on column public.v_touch_rates_daily_v1.touches_booked is 'Bookings attributed to these touches.';

grant select on public.v_touch_rates_daily_v1 to revenue_api, revenue_analyst, revenue_worker;
