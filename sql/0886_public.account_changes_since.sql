-- What changed in one account since a moment (Command OS "what changed today"):
-- counts only, read as the caller (row-level security applies), each from the
-- table or event the rest of the engine already writes.
create or replace function public.account_changes_since(
  p_account_id uuid,
  p_since timestamptz,
  p_now timestamptz default now()
)
returns table (
  touches_sent bigint,
  touches_failed bigint,
  replies bigint,
  opt_outs bigint,
  new_leads bigint,
  campaigns_switched bigint
)
language sql
stable
set search_path = ''
as $$
  select
    (select count(*) from public.core_memory_events e
      where e.account_id = p_account_id and e.event_type = 'touch_sent'
        and e.created_at >= p_since and e.created_at < p_now),
    (select count(*) from public.core_memory_events e
      where e.account_id = p_account_id and e.event_type = 'touch_failed'
        and e.created_at >= p_since and e.created_at < p_now),
    (select count(*) from public.inbound_messages m
      where m.account_id = p_account_id and m.received_at >= p_since and m.received_at < p_now),
    (select count(*) from public.core_memory_events e
      where e.account_id = p_account_id and e.event_type in ('opt_out', 'unsubscribe')
        and e.created_at >= p_since and e.created_at < p_now),
    (select count(*) from public.leads l
      where l.account_id = p_account_id and l.created_at >= p_since and l.created_at < p_now),
    (select count(*) from public.account_events a
      where a.account_id = p_account_id and a.event_type in ('campaign_activated', 'campaign_paused')
        and a.created_at >= p_since and a.created_at < p_now)
$$;

comment on function public.account_changes_since(uuid, timestamptz, timestamptz) is
  'What changed in one account in [p_since, p_now) (Command OS "what changed today", p_since = local midnight): touches sent and failed (touch_sent / touch_failed memory events), replies (inbound_messages), opt-outs (opt_out / unsubscribe memory events), new leads (leads.created_at) and campaigns switched on or off (campaign_activated / campaign_paused account events). Counts only; runs as the caller, so row-level security limits it to the caller''s account.';

revoke execute on function public.account_changes_since(uuid, timestamptz, timestamptz) from public;
grant execute on function public.account_changes_since(uuid, timestamptz, timestamptz) to revenue_api, revenue_analyst;
