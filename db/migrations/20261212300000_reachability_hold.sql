-- migrate:up

-- Issue 19, the enrichment wait: a touch the claim holds, and an enrollment the
-- orchestrator holds, while the lead's enrichment is pending (org_settings.enrichment_wait_seconds)
-- carry a marker, so that the end of the enrichment releases exactly them at once
-- (private.tg_leads__release_enrichment_hold) and nothing else that happens to be due later.

alter table public.touch_runs
  add column held_for text
    constraint touch_runs_held_for_check check (held_for in ('enrichment'));
comment on column public.touch_runs.held_for is 'enrichment: the claim rescheduled this touch to the end of the lead''s enrichment wait (reason enrichment_pending); released (due now) when the enrichment finishes. Meaningful while the touch is scheduled; cleared when it is claimed.';

alter table public.campaign_leads
  add column held_for text
    constraint campaign_leads_held_for_check check (held_for in ('enrichment'));
comment on column public.campaign_leads.held_for is 'enrichment: the touch orchestrator moved next_step_at to the end of the lead''s enrichment wait (decision wait_enrichment) without advancing the step; released (due now) when the enrichment finishes.';

-- brain.address_problem decides reachability from the enrichment results too: the
-- four-argument form is replaced by one with the phone and email status (sql/0516).
drop function if exists brain.address_problem(text, text, text, text);

-- migrate:down
-- (the four-argument brain.address_problem comes back with the sql/ of that version)
alter table public.campaign_leads drop column held_for;
alter table public.touch_runs drop column held_for;
