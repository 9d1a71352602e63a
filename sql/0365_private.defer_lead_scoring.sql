-- While the receipts drain applies a batch, scoring a lead is put off to the batch's end:
-- the lead is noted here, once, for this transaction (a rolled-back subtransaction takes
-- its notes back with it).
create or replace function private.defer_lead_scoring(p_lead_id uuid)
returns void
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_ids text := coalesce(pg_catalog.current_setting('revenue.deferred_scoring_leads', true), '');
begin
  if p_lead_id is not null and pg_catalog.strpos(v_ids, p_lead_id::text) = 0 then
    perform pg_catalog.set_config('revenue.deferred_scoring_leads', v_ids || p_lead_id::text || ' ', true);
  end if;
end
$$;

comment on function private.defer_lead_scoring(uuid) is
  'Notes lead p_lead_id (once) in revenue.deferred_scoring_leads, a transaction-local setting, so brain.drain_webhook_receipts scores it after its batch (brain.score_leads) instead of the priority-score triggers scoring it at every change. A subtransaction that rolls back takes back its notes.';

-- Only the drain's own triggers call it (as the drain's owner).
revoke execute on function private.defer_lead_scoring(uuid) from public;
