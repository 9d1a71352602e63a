-- While the receipts drain applies a batch, scoring a lead is put off to the batch's end:
-- the lead is noted here, once, for this transaction (a rolled-back subtransaction takes
-- its notes back with it). The notes are spread over 16 transaction-local settings by the
-- first hex digit of the lead id, so each note searches and copies a sixteenth of the
-- batch's list, not all of it (the list is searched and copied whole at every note).
create or replace function private.defer_lead_scoring(p_lead_id uuid)
returns void
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_name text;
  v_ids text;
begin
  if p_lead_id is null then
    return;
  end if;
  v_name := 'revenue.deferred_scoring_' || pg_catalog.left(p_lead_id::text, 1);
  v_ids := coalesce(pg_catalog.current_setting(v_name, true), '');
  if pg_catalog.strpos(v_ids, p_lead_id::text) = 0 then
    perform pg_catalog.set_config(v_name, v_ids || p_lead_id::text || ' ', true);
  end if;
end
$$;

comment on function private.defer_lead_scoring(uuid) is
  'Notes lead p_lead_id (once) in the transaction-local settings revenue.deferred_scoring_0 … _f (by the first hex digit of its id), so brain.drain_webhook_receipts scores it after its batch (brain.score_leads; private.take_deferred_scoring reads and clears the notes) instead of the priority-score triggers scoring it at every change. A subtransaction that rolls back takes back its notes.';

-- Only the drain's own triggers call it (as the drain's owner).
revoke execute on function private.defer_lead_scoring(uuid) from public;
