-- Seed 002's attempt count, per campaign, as of p_now.
create or replace function brain.lead_channel_attempts_at(p_now timestamptz)
returns table (
  account_id uuid,
  lead_id uuid,
  campaign_id uuid,
  step integer,
  channel text,
  attempts_done bigint,
  last_attempt_at timestamptz
)
language sql
stable
as $$
  select
    tr.account_id,
    tr.lead_id,
    tr.campaign_id,
    tr.step,
    tr.channel::text,
    count(cme.id) filter (where cme.event_type in ('touch_sent', 'touch_failed')),
    max(cme.created_at) filter (where cme.event_type in ('touch_sent', 'touch_failed'))
  from public.touch_runs tr
  left join public.core_memory_events cme
    on cme.payload ->> 'touch_run_id' = tr.id::text
   and cme.lead_id = tr.lead_id
   and cme.account_id = tr.account_id
   and cme.created_at <= p_now
  where tr.created_at <= p_now
  group by tr.account_id, tr.lead_id, tr.campaign_id, tr.step, tr.channel
$$;

comment on function brain.lead_channel_attempts_at(timestamptz) is
  'v_lead_channel_attempts as of p_now: per lead, campaign, step and channel, the touch_sent and touch_failed memory events of its touch_runs (joined on payload.touch_run_id) and the time of the last one.';
