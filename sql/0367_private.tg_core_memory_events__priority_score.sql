-- A scored memory event changes the lead's engagement, hence its priority.
create or replace function private.tg_core_memory_events__priority_score()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  update public.leads l
  set priority_score = brain.lead_priority(l.lead_state, l.phone, l.phone_line_type, l.email,
                                           brain.lead_engagement(l.id, pg_catalog.now())),
      priority_scored_at = pg_catalog.now()
  where l.id = new.lead_id;
  return null;
end
$$;

comment on function private.tg_core_memory_events__priority_score() is
  'Trigger: recomputes the lead''s stored priority_score after a memory event with a non-zero score_delta.';

create or replace trigger priority_score after insert on public.core_memory_events
  for each row when (new.score_delta <> 0)
  execute function private.tg_core_memory_events__priority_score();
