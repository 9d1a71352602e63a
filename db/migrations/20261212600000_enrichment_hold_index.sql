-- migrate:up

-- Issue 19: the minute's sweep (brain.release_finished_enrichment_holds) finds the touches and
-- enrollments still marked held for an enrichment that has finished; these partial indexes
-- hold only the marked rows, so the sweep never reads the whole tables.
create index touch_runs_held_for_idx on public.touch_runs (lead_id) where held_for is not null;
create index campaign_leads_held_for_idx on public.campaign_leads (lead_id) where held_for is not null;

-- migrate:down
drop index public.campaign_leads_held_for_idx;
drop index public.touch_runs_held_for_idx;
