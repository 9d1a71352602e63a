-- Issue 19: when a lead's enrichment finishes (pending → done or failed), what waited for
-- it goes at once: the touches the claim held (touch_runs.held_for = enrichment) become due
-- now, which wakes the account's dispatch job (private.tg_touch_runs__enqueue_dispatch), and
-- the enrollments the orchestrator held (campaign_leads.held_for = enrichment) are due now
-- for the next orchestrator tick. Only rows marked held are moved, nothing else of the lead.
create or replace function private.tg_leads__release_enrichment_hold()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  update public.touch_runs t
  set scheduled_at = least(t.scheduled_at, pg_catalog.now()), held_for = null
  where t.lead_id = new.id and t.account_id = new.account_id
    and t.status = 'scheduled' and t.held_for = 'enrichment';
  update public.campaign_leads cl
  set next_step_at = least(cl.next_step_at, pg_catalog.now()), held_for = null
  where cl.lead_id = new.id and cl.account_id = new.account_id and cl.held_for = 'enrichment';
  return null;
end
$$;

comment on function private.tg_leads__release_enrichment_hold() is
  'Trigger: a lead whose enrichment_status leaves pending (done or failed) has its held touches (scheduled, touch_runs.held_for = enrichment: brain.claim_touch_rows''s enrichment_pending) made due now and its held enrollments (campaign_leads.held_for = enrichment: the orchestrator''s wait_enrichment) due now; the marks are cleared. Security definer: the enrichment worker needs no rights on touch_runs or campaign_leads.';

create or replace trigger release_enrichment_hold after update of enrichment_status on public.leads
  for each row
  when (old.enrichment_status = 'pending' and new.enrichment_status is distinct from 'pending')
  execute function private.tg_leads__release_enrichment_hold();
