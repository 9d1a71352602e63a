create or replace view public.v_campaign_runtime_status_v1
with (security_invoker = true) as
select
  c.account_id,
  c.id as campaign_id,
  c.campaign_key,
  c.name,
  c.is_active,
  c.status,
  t.last_touch_run_at,
  coalesce(t.touch_runs_24h, 0) as touch_runs_24h,
  coalesce(t.queued_24h, 0) as queued_24h,
  coalesce(t.sent_24h, 0) as sent_24h,
  coalesce(t.failed_24h, 0) as failed_24h,
  coalesce(e.active_enrollments, 0) as active_enrollments
from public.campaigns c
left join lateral (
  select
    max(tr.created_at) as last_touch_run_at,
    count(*) filter (where tr.created_at > now() - interval '24 hours') as touch_runs_24h,
    count(*) filter (where tr.created_at > now() - interval '24 hours' and tr.status in ('scheduled', 'queued', 'sending')) as queued_24h,
    count(*) filter (where tr.created_at > now() - interval '24 hours' and tr.status in ('sent', 'delivered')) as sent_24h,
    count(*) filter (where tr.created_at > now() - interval '24 hours' and tr.status = 'failed') as failed_24h
  from public.touch_runs tr
  where tr.campaign_id = c.id
) t on true
left join lateral (
  select count(*) as active_enrollments
  from public.campaign_leads cl
  where cl.campaign_id = c.id and cl.status = 'active'
) e on true;

comment on view public.v_campaign_runtime_status_v1 is
  'Seed 000''s campaign runtime truth: per (account_id, campaign_id), last_touch_run_at = max(touch_runs.created_at) and counts of touch_runs created in the last 24 hours.';
comment on column public.v_campaign_runtime_status_v1.account_id is 'Owning account.';
comment on column public.v_campaign_runtime_status_v1.campaign_id is 'The campaign.';
comment on column public.v_campaign_runtime_status_v1.campaign_key is 'Stable key of the campaign.';
comment on column public.v_campaign_runtime_status_v1.name is 'Display name.';
comment on column public.v_campaign_runtime_status_v1.is_active is 'The on/off truth.';
comment on column public.v_campaign_runtime_status_v1.status is 'active or paused, derived from is_active.';
comment on column public.v_campaign_runtime_status_v1.last_touch_run_at is 'max(touch_runs.created_at) of the campaign.';
comment on column public.v_campaign_runtime_status_v1.touch_runs_24h is 'touch_runs created in the last 24 hours.';
comment on column public.v_campaign_runtime_status_v1.queued_24h is '... of which still scheduled, queued or sending.';
comment on column public.v_campaign_runtime_status_v1.sent_24h is '... of which sent or delivered.';
comment on column public.v_campaign_runtime_status_v1.failed_24h is '... of which failed.';
comment on column public.v_campaign_runtime_status_v1.active_enrollments is 'Leads enrolled with status active.';

grant select on public.v_campaign_runtime_status_v1 to revenue_api, revenue_analyst, revenue_worker;
