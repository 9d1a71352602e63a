-- Per sender (an email inbox or an SMS / WhatsApp number): its sends, bounces, complaints
-- and opt-outs over the last 1, 7 and 30 UTC days, today's cap and ramp day, and whether
-- the reputation guard paused it. Senders are those configured (the default provider's
-- config.senders), those with a ramp or pause row, and those that sent in the last 30 days.
-- Days are UTC days counting today (1 = today, 7 = today and the six before), the days the
-- caps count in; sends are the sends counted against the caps (carrier-required replies are
-- not), events are counted on the day they were reported.
create or replace view public.v_sender_health_v1
with (security_invoker = true) as
with today as (
  select (pg_catalog.now() at time zone 'UTC')::date as d
), senders as (
  select r.account_id, r.channel::text as channel, r.sender from public.sender_reputation r
  union
  select c.account_id, c.channel::text, c.sender from public.sender_daily_counts c, today where c.day > today.d - 30
  union
  select s.account_id, s.channel::text, x.sender ->> 'address'
  from public.account_provider_settings s
  cross join lateral pg_catalog.jsonb_array_elements(
    case when pg_catalog.jsonb_typeof(s.config -> 'senders') = 'array' then s.config -> 'senders' else '[]'::jsonb end) x(sender)
  where s.is_default and s.channel in ('email', 'sms', 'whatsapp') and pg_catalog.jsonb_typeof(x.sender -> 'address') = 'string'
), grouped as (
  select s.account_id, s.channel, pg_catalog.array_agg(s.sender order by s.sender) as senders
  from senders s where s.channel in ('email', 'sms', 'whatsapp') group by s.account_id, s.channel
)
select g.account_id, g.channel, k.sender,
       coalesce(c.sends_1d, 0) as sends_1d, coalesce(c.sends_7d, 0) as sends_7d, coalesce(c.sends_30d, 0) as sends_30d,
       coalesce(e.bounces_1d, 0) as bounces_1d, coalesce(e.bounces_7d, 0) as bounces_7d, coalesce(e.bounces_30d, 0) as bounces_30d,
       coalesce(e.hard_bounces_30d, 0) as hard_bounces_30d,
       coalesce(e.complaints_1d, 0) as complaints_1d, coalesce(e.complaints_7d, 0) as complaints_7d,
       coalesce(e.complaints_30d, 0) as complaints_30d,
       coalesce(e.opt_outs_1d, 0) as opt_outs_1d, coalesce(e.opt_outs_7d, 0) as opt_outs_7d, coalesce(e.opt_outs_30d, 0) as opt_outs_30d,
       k.target, k.cap as cap_today, k.ramp_day, k.already_warm, k.paused, k.paused_reason, k.paused_at
from grouped g
cross join today
left join public.account_provider_settings st on st.account_id = g.account_id and st.channel::text = g.channel and st.is_default
cross join lateral brain.sender_caps(
  g.account_id, g.channel, g.senders,
  case when st.config ->> 'daily_cap' ~ '^[0-9]{1,7}$' then (st.config ->> 'daily_cap')::integer
       when g.channel = 'email' then 500 else 250 end,
  today.d) k
left join lateral (
  select pg_catalog.sum(c_.sent) filter (where c_.day = today.d)::integer as sends_1d,
         pg_catalog.sum(c_.sent) filter (where c_.day > today.d - 7)::integer as sends_7d,
         pg_catalog.sum(c_.sent)::integer as sends_30d
  from public.sender_daily_counts c_
  where c_.account_id = g.account_id and c_.channel::text = g.channel and c_.sender = k.sender and c_.day > today.d - 30
) c on true
left join lateral (
  select count(*) filter (where e_.kind in ('hard_bounce', 'soft_bounce') and x_.day = today.d)::integer as bounces_1d,
         count(*) filter (where e_.kind in ('hard_bounce', 'soft_bounce') and x_.day > today.d - 7)::integer as bounces_7d,
         count(*) filter (where e_.kind in ('hard_bounce', 'soft_bounce'))::integer as bounces_30d,
         count(*) filter (where e_.kind = 'hard_bounce')::integer as hard_bounces_30d,
         count(*) filter (where e_.kind = 'complaint' and x_.day = today.d)::integer as complaints_1d,
         count(*) filter (where e_.kind = 'complaint' and x_.day > today.d - 7)::integer as complaints_7d,
         count(*) filter (where e_.kind = 'complaint')::integer as complaints_30d,
         count(*) filter (where e_.kind = 'opt_out' and x_.day = today.d)::integer as opt_outs_1d,
         count(*) filter (where e_.kind = 'opt_out' and x_.day > today.d - 7)::integer as opt_outs_7d,
         count(*) filter (where e_.kind = 'opt_out')::integer as opt_outs_30d
  from public.sender_reputation_events e_
  cross join lateral (select (e_.occurred_at at time zone 'UTC')::date as day) x_
  where e_.account_id = g.account_id and e_.channel::text = g.channel and e_.sender = k.sender
    and e_.occurred_at >= (today.d - 29)::timestamp at time zone 'UTC'
) e on true;

comment on view public.v_sender_health_v1 is
  'Analyst view (issue 19): one row per sender (email inbox, SMS or WhatsApp number) of the account: configured in the default provider''s config.senders, with a sender_reputation row, or sent in the last 30 days. Sends (counted against the daily caps), bounces, complaints and opt-outs over 1, 7 and 30 UTC days counting today; today''s cap (brain.sender_caps), the ramp day and the paused state. Runs as the caller (row-level security).';
comment on column public.v_sender_health_v1.account_id is 'Owning account.';
comment on column public.v_sender_health_v1.channel is 'email, sms or whatsapp.';
comment on column public.v_sender_health_v1.sender is 'The inbox or number (''default'': email sent without a from address).';
comment on column public.v_sender_health_v1.sends_1d is 'Sends counted today (UTC).';
comment on column public.v_sender_health_v1.sends_7d is 'Sends counted today and the six days before.';
comment on column public.v_sender_health_v1.sends_30d is 'Sends counted in the last 30 UTC days.';
comment on column public.v_sender_health_v1.bounces_1d is 'Bounces (hard and soft) reported today.';
comment on column public.v_sender_health_v1.bounces_7d is 'Bounces reported in the last 7 UTC days.';
comment on column public.v_sender_health_v1.bounces_30d is 'Bounces reported in the last 30 UTC days.';
comment on column public.v_sender_health_v1.hard_bounces_30d is 'Of those, hard bounces (the ones the guard counts).';
comment on column public.v_sender_health_v1.complaints_1d is 'Spam complaints reported today.';
comment on column public.v_sender_health_v1.complaints_7d is 'Complaints in the last 7 UTC days.';
comment on column public.v_sender_health_v1.complaints_30d is 'Complaints in the last 30 UTC days.';
comment on column public.v_sender_health_v1.opt_outs_1d is 'STOP-type opt-outs attributed to the number today.';
comment on column public.v_sender_health_v1.opt_outs_7d is 'Opt-outs in the last 7 UTC days.';
comment on column public.v_sender_health_v1.opt_outs_30d is 'Opt-outs in the last 30 UTC days.';
comment on column public.v_sender_health_v1.target is 'The provider config''s daily_cap (500 an inbox, 250 a number by default).';
comment on column public.v_sender_health_v1.cap_today is 'Today''s cap: the ramp''s for an inbox still warming up, 0 while paused, else the target.';
comment on column public.v_sender_health_v1.ramp_day is 'Email: days since its first send (0 on the first day or before it sent); null for numbers.';
comment on column public.v_sender_health_v1.already_warm is 'True when no ramp applies (marked already warm, or a number).';
comment on column public.v_sender_health_v1.paused is 'True while the reputation guard has the inbox paused.';
comment on column public.v_sender_health_v1.paused_reason is 'bounce_rate or complaint_rate.';
comment on column public.v_sender_health_v1.paused_at is 'When it was paused.';

grant select on public.v_sender_health_v1 to revenue_api, revenue_analyst, revenue_worker;
