create or replace view public.multichannel_lead_signals
with (security_invoker = true) as
select
  l.account_id,
  l.id as lead_id,
  coalesce(i.inbound_total, 0) as inbound_total,
  coalesce(o.outbound_total, 0) as outbound_total,
  coalesce(i.channels_replied, '{}') as channels_replied,
  coalesce(o.channels_contacted, '{}') as channels_contacted,
  i.last_inbound_at,
  i.last_inbound_channel,
  o.last_outbound_at,
  coalesce(i.positive_replies, 0) as positive_replies,
  coalesce(i.negative_replies, 0) as negative_replies,
  coalesce(i.opt_outs, 0) as opt_outs
from public.leads l
left join lateral (
  select count(*) as inbound_total,
         pg_catalog.array_agg(distinct m.channel::text order by m.channel::text) as channels_replied,
         max(m.received_at) as last_inbound_at,
         (pg_catalog.array_agg(m.channel::text order by m.received_at desc))[1] as last_inbound_channel,
         count(*) filter (where m.classification = 'positive') as positive_replies,
         count(*) filter (where m.classification = 'negative') as negative_replies,
         count(*) filter (where m.keyword = 'opt_out') as opt_outs
  from public.inbound_messages m where m.lead_id = l.id
) i on true
left join lateral (
  select count(*) as outbound_total,
         pg_catalog.array_agg(distinct m.channel::text order by m.channel::text) as channels_contacted,
         max(coalesce(m.sent_at, m.created_at)) as last_outbound_at
  from public.outbound_messages m where m.lead_id = l.id and m.status in ('sent', 'delivered')
) o on true;

comment on view public.multichannel_lead_signals is 'Per lead, what happened across channels: messages each way, channels used, last contact both ways, and reply sentiment.';
comment on column public.multichannel_lead_signals.account_id is 'Owning account.';
comment on column public.multichannel_lead_signals.lead_id is 'The lead.';
comment on column public.multichannel_lead_signals.inbound_total is 'Messages received from the lead.';
comment on column public.multichannel_lead_signals.outbound_total is 'Messages sent or delivered to the lead.';
comment on column public.multichannel_lead_signals.channels_replied is 'Channels the lead wrote on.';
comment on column public.multichannel_lead_signals.channels_contacted is 'Channels we reached the lead on.';
comment on column public.multichannel_lead_signals.last_inbound_at is 'Last message from the lead.';
comment on column public.multichannel_lead_signals.last_inbound_channel is 'Channel of that message.';
comment on column public.multichannel_lead_signals.last_outbound_at is 'Last message sent to the lead.';
comment on column public.multichannel_lead_signals.positive_replies is 'Replies classified positive.';
comment on column public.multichannel_lead_signals.negative_replies is 'Replies classified negative.';
comment on column public.multichannel_lead_signals.opt_outs is 'STOP-type messages received.';

grant select on public.multichannel_lead_signals to revenue_api, revenue_analyst, revenue_worker;
