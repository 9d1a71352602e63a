-- The one entry point for moving a lead through its lifecycle with a reason.
create or replace function brain.transition_lead(
  p_lead_id uuid,
  p_to_state text,
  p_reason text,
  p_actor text default null
)
returns boolean
language plpgsql
volatile
set search_path = ''
as $$
begin
  -- One lead is brain.transition_leads with one id: one rule for both.
  return (select t.moved from brain.transition_leads(array[p_lead_id], p_to_state, p_reason, p_actor) t);
end
$$;

comment on function brain.transition_lead(uuid, text, text, text) is
  'Moves a lead to p_to_state, recording p_reason and p_actor in lead_events. Returns false when the lead is already there; raises invalid_lead_transition when the move is not allowed, lead_not_found when the lead is not visible.';

revoke execute on function brain.transition_lead(uuid, text, text, text) from public;
grant execute on function brain.transition_lead(uuid, text, text, text) to revenue_api, revenue_worker;
