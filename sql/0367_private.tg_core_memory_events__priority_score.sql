-- A scored memory event changes the lead's engagement, hence its priority.
create or replace function private.tg_core_memory_events__priority_score()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  -- The receipts drain scores its batch's leads once, after the batch
  -- (brain.drain_webhook_receipts): here it is only told which.
  if pg_catalog.current_setting('revenue.defer_priority_score', true) = 'on' then
    perform private.defer_lead_scoring(new.lead_id);
    return null;
  end if;
  perform brain.score_leads(array[new.lead_id]);
  return null;
end
$$;

comment on function private.tg_core_memory_events__priority_score() is
  'Trigger: recomputes the lead''s stored priority_score (brain.score_leads) after a memory event with a non-zero score_delta; while revenue.defer_priority_score is on (the receipts drain) it only notes the lead (private.defer_lead_scoring) and the drain scores the batch''s leads once at its end.';

create or replace trigger priority_score after insert on public.core_memory_events
  for each row when (new.score_delta <> 0)
  execute function private.tg_core_memory_events__priority_score();
