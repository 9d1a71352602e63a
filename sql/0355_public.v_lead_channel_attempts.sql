create or replace view public.v_lead_channel_attempts
with (security_invoker = true) as
select * from brain.lead_channel_attempts_at(now());

comment on view public.v_lead_channel_attempts is
  'Seed 002''s attempt history per lead + step + channel, extended with campaign_id so a lead in two campaigns never mixes their attempts. Attempts are touch_sent and touch_failed memory events.';
comment on column public.v_lead_channel_attempts.account_id is 'Owning account.';
comment on column public.v_lead_channel_attempts.lead_id is 'The lead.';
comment on column public.v_lead_channel_attempts.campaign_id is 'Campaign of the touches (null for touches outside a campaign).';
comment on column public.v_lead_channel_attempts.step is 'Campaign step.';
comment on column public.v_lead_channel_attempts.channel is 'Channel.';
comment on column public.v_lead_channel_attempts.attempts_done is 'touch_sent + touch_failed events of this lead, campaign, step and channel.';
comment on column public.v_lead_channel_attempts.last_attempt_at is 'Time of the last of those events; cooldowns run from here.';

grant select on public.v_lead_channel_attempts to revenue_api, revenue_analyst, revenue_worker;
