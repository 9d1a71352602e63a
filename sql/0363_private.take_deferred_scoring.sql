-- The leads private.defer_lead_scoring noted in this transaction, and the notes cleared.
create or replace function private.take_deferred_scoring()
returns uuid[]
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_digit text;
  v_ids text := '';
begin
  foreach v_digit in array pg_catalog.string_to_array('0 1 2 3 4 5 6 7 8 9 a b c d e f', ' ') loop
    v_ids := v_ids || coalesce(pg_catalog.current_setting('revenue.deferred_scoring_' || v_digit, true), '');
    perform pg_catalog.set_config('revenue.deferred_scoring_' || v_digit, '', true);
  end loop;
  return pg_catalog.string_to_array(pg_catalog.btrim(v_ids), ' ')::uuid[];
end
$$;

comment on function private.take_deferred_scoring() is
  'Returns the leads noted by private.defer_lead_scoring in this transaction (revenue.deferred_scoring_0 … _f), each once, and clears the notes. brain.drain_webhook_receipts calls it before its batch (to start clean) and after (to score the noted leads with brain.score_leads).';

revoke execute on function private.take_deferred_scoring() from public;
