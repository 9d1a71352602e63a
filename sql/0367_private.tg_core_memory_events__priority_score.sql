-- A scored memory event changes the lead's engagement, hence its priority.
create or replace function private.tg_core_memory_events__priority_score()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  update public.leads l
  set priority_score = brain.lead_priority(st.priority_weight, l.phone, l.phone_line_type, l.email,
                                           (select g.engagement from brain.lead_engagement(l.id, pg_catalog.now()) g)),
      priority_scored_at = pg_catalog.now()
  from public.lead_states st
  where l.id = new.lead_id and st.state = l.lead_state;
  return null;
end
$$;

comment on function private.tg_core_memory_events__priority_score() is
  'Trigger: recomputes the lead''s stored priority_score after a memory event with a non-zero score_delta.';

create or replace trigger priority_score after insert on public.core_memory_events
  for each row when (new.score_delta <> 0)
  execute function private.tg_core_memory_events__priority_score();
