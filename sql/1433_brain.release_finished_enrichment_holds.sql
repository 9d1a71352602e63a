-- Issue 19: the safety net behind private.tg_leads__release_enrichment_hold. The orchestrator
-- decides wait_enrichment from the lead as its statement saw it; an enrichment that finished
-- meanwhile (committed after that read, before the hold) found no mark to release. The
-- minute's sweep (enrich_leads_sweep) releases such marks, so a finished enrichment holds a
-- touch or an enrollment for at most about a minute, never for the whole wait.
create or replace function brain.release_finished_enrichment_holds(p_now timestamptz default now())
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_touches integer;
  v_enrollments integer;
begin
  update public.touch_runs t
  set scheduled_at = least(t.scheduled_at, p_now), held_for = null
  from public.leads l
  where t.held_for = 'enrichment' and t.status = 'scheduled'
    and l.id = t.lead_id and l.account_id = t.account_id and l.enrichment_status is distinct from 'pending';
  get diagnostics v_touches = row_count;
  update public.campaign_leads cl
  set next_step_at = least(cl.next_step_at, p_now), held_for = null
  from public.leads l
  where cl.held_for = 'enrichment'
    and l.id = cl.lead_id and l.account_id = cl.account_id and l.enrichment_status is distinct from 'pending';
  get diagnostics v_enrollments = row_count;
  return v_touches + v_enrollments;
end
$$;

comment on function brain.release_finished_enrichment_holds(timestamptz) is
  'The enrichment sweep''s safety net (enrich_leads_sweep, every minute): touches (scheduled, touch_runs.held_for = enrichment) and enrollments (campaign_leads.held_for = enrichment) still held for a lead whose enrichment is no longer pending are made due at p_now and unmarked, as private.tg_leads__release_enrichment_hold does when the enrichment finishes (a hold written from a read taken just before the enrichment committed misses that trigger). Returns how many rows it released. Reads only the marked rows (partial indexes touch_runs_held_for_idx, campaign_leads_held_for_idx). Security definer: the worker''s sweep needs no rights on the two tables.';

revoke execute on function brain.release_finished_enrichment_holds(timestamptz) from public;
grant execute on function brain.release_finished_enrichment_holds(timestamptz) to revenue_worker;
