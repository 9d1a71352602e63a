-- The lead state machine: a change of lead_state must be listed in
-- public.lead_state_transitions, and every accepted change is logged in lead_events.
create or replace function private.tg_leads__lead_state_transition()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  if not exists (
    select 1 from public.lead_state_transitions t
    where t.from_state = old.lead_state and t.to_state = new.lead_state
  ) then
    raise exception using
      errcode = 'P0001',
      message = 'invalid_lead_transition',
      detail = pg_catalog.format('%s → %s is not allowed', old.lead_state, new.lead_state),
      hint = 'The allowed transitions are listed in public.lead_state_transitions.';
  end if;

  -- brain.transition_leads logs its statement's moves itself, with one insert.
  if pg_catalog.current_setting('app.transition_logged', true) = 'on' then
    return null;
  end if;

  insert into public.lead_events (account_id, lead_id, event_type, previous_state, new_state, reason, actor)
  values (
    new.account_id, new.id, 'state_transition', old.lead_state, new.lead_state,
    coalesce(nullif(pg_catalog.current_setting('app.transition_reason', true), ''), 'direct_update'),
    coalesce(nullif(pg_catalog.current_setting('app.actor', true), ''), current_user::text)
  );
  return null;
end
$$;

comment on function private.tg_leads__lead_state_transition() is
  'Trigger: refuses lead_state changes not in lead_state_transitions (invalid_lead_transition) and logs accepted ones in lead_events; while app.transition_logged is on, brain.transition_leads logs its own statement''s moves (one insert) and the trigger only checks.';

create or replace trigger lead_state_transition after update of lead_state on public.leads
  for each row when (old.lead_state is distinct from new.lead_state)
  execute function private.tg_leads__lead_state_transition();
