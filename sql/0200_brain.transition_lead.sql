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
declare
  v_from text;
begin
  select l.lead_state into v_from from public.leads l where l.id = p_lead_id for update;
  if not found then
    raise exception using
      errcode = 'P0002',
      message = 'lead_not_found',
      detail = pg_catalog.format('no lead with id %s is visible', p_lead_id);
  end if;
  if v_from = p_to_state then
    return false;
  end if;

  perform pg_catalog.set_config('app.transition_reason', coalesce(p_reason, ''), true);
  perform pg_catalog.set_config('app.actor', coalesce(p_actor, ''), true);
  begin
    update public.leads set lead_state = p_to_state where id = p_lead_id;
  exception when others then
    perform pg_catalog.set_config('app.transition_reason', '', true);
    perform pg_catalog.set_config('app.actor', '', true);
    raise;
  end;
  perform pg_catalog.set_config('app.transition_reason', '', true);
  perform pg_catalog.set_config('app.actor', '', true);
  return true;
end
$$;

comment on function brain.transition_lead(uuid, text, text, text) is
  'Moves a lead to p_to_state, recording p_reason and p_actor in lead_events. Returns false when the lead is already there; raises invalid_lead_transition when the move is not allowed, lead_not_found when the lead is not visible.';

revoke execute on function brain.transition_lead(uuid, text, text, text) from public;
grant execute on function brain.transition_lead(uuid, text, text, text) to revenue_api, revenue_worker;
