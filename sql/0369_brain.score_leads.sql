-- The stored priority_score of some leads, recomputed now: the one statement behind the
-- memory-event trigger (one lead) and the receipts drain (a batch's leads at once).
-- plpgsql, not sql: its UPDATE plan is cached for the session.
create or replace function brain.score_leads(p_lead_ids uuid[])
returns integer
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_updated integer;
begin
  update public.leads l
  set priority_score = brain.lead_priority(st.priority_weight, l.phone, l.phone_line_type, l.email,
                                           (select g.engagement from brain.lead_engagement(l.id, pg_catalog.now()) g)),
      priority_scored_at = pg_catalog.now()
  from public.lead_states st
  where l.id = any (p_lead_ids) and st.state = l.lead_state;
  get diagnostics v_updated = row_count;
  return v_updated;
end
$$;

comment on function brain.score_leads(uuid[]) is
  'Recomputes the stored priority_score of the leads p_lead_ids as of now() (brain.lead_priority of the lead''s state weight, phone, line type, email and brain.lead_engagement) and sets priority_scored_at. Called by the trigger on core_memory_events for one lead, and by brain.drain_webhook_receipts once per batch for the leads whose scoring it deferred (revenue.defer_priority_score). Returns how many leads it updated.';
