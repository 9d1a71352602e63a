-- migrate:up transaction:false

-- lead_next_action_view_v5 reports a lead's pending touch (scheduled or queued)
-- before its next campaign step: one index probe per lead, over pending touches
-- only, in scheduled_at order. Built concurrently so a large touch_runs keeps
-- taking writes while it builds.
create index concurrently if not exists touch_runs_pending_lead_idx
  on public.touch_runs (lead_id, scheduled_at)
  where status in ('scheduled', 'queued');

-- migrate:down transaction:false

drop index concurrently if exists public.touch_runs_pending_lead_idx;
