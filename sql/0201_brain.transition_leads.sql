-- Moving several leads through their lifecycle at once, with one reason: the set-based
-- form of brain.transition_lead (which is this function for one lead). Each lead's
-- change is checked and logged by the leads triggers (public.lead_state_transitions,
-- lead_events), as for any update of lead_state.
create or replace function brain.transition_leads(
  p_lead_ids uuid[],
  p_to_state text,
  p_reason text,
  p_actor text default null
)
returns table (lead_id uuid, moved boolean)
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_missing uuid;
  v_moved uuid[];
begin
  -- The rows, locked in id order.
  perform 1 from public.leads l where l.id = any(p_lead_ids) order by l.id for update;
  select u.id into v_missing from pg_catalog.unnest(p_lead_ids) with ordinality u(id, n)
  where not exists (select 1 from public.leads l where l.id = u.id)
  order by u.n limit 1;
  if found then
    raise exception using
      errcode = 'P0002',
      message = 'lead_not_found',
      detail = pg_catalog.format('no lead with id %s is visible', v_missing);
  end if;

  if not exists (select 1 from public.leads l where l.id = any(p_lead_ids) and l.lead_state is distinct from p_to_state) then
    return query select u.id, false from pg_catalog.unnest(p_lead_ids) with ordinality u(id, n) order by u.n;
    return;
  end if;
  -- No exception block to clear these on error: a failed update aborts the transaction or
  -- the caller's subtransaction, and either takes the settings back with it. (A block here
  -- would open a subtransaction with its own xid per call: past 64 in one transaction, as
  -- in a drain batch of first replies, every other session's snapshot overflows.)
  -- The moves are logged here, with one insert, instead of one insert per row by the
  -- lead_state_transition trigger (which still refuses a move the state machine does
  -- not list, and skips its own insert while app.transition_logged is on; nothing in
  -- this statement updates another lead). Same rows, same reason and actor.
  perform pg_catalog.set_config('app.transition_reason', coalesce(p_reason, ''), true);
  perform pg_catalog.set_config('app.actor', coalesce(p_actor, ''), true);
  perform pg_catalog.set_config('app.transition_logged', 'on', true);
  with was as (
    select l.id, l.lead_state from public.leads l
    where l.id = any(p_lead_ids) and l.lead_state is distinct from p_to_state
  ), m as (
    update public.leads l set lead_state = p_to_state
    from was w
    where l.id = w.id
    returning l.id, l.account_id, w.lead_state as previous_state
  ), logged as (
    insert into public.lead_events (account_id, lead_id, event_type, previous_state, new_state, reason, actor)
    select m.account_id, m.id, 'state_transition', m.previous_state, p_to_state,
           coalesce(nullif(p_reason, ''), 'direct_update'), coalesce(nullif(p_actor, ''), current_user::text)
    from m order by m.id
  )
  select coalesce(pg_catalog.array_agg(m.id), '{}') into v_moved from m;
  perform pg_catalog.set_config('app.transition_logged', '', true);
  perform pg_catalog.set_config('app.transition_reason', '', true);
  perform pg_catalog.set_config('app.actor', '', true);
  return query select u.id, u.id = any(v_moved) from pg_catalog.unnest(p_lead_ids) with ordinality u(id, n) order by u.n;
end
$$;

comment on function brain.transition_leads(uuid[], text, text, text) is
  'Moves every lead of p_lead_ids to p_to_state with one reason and actor (recorded in lead_events with one insert; the lead_state_transition trigger still refuses a move the state machine does not list); a lead already in that state is left alone (moved false). Rows are locked in id order. Raises lead_not_found (P0002) for an id that is not visible and invalid_lead_transition (P0001) when a move is not in public.lead_state_transitions; then nothing moves. brain.transition_lead is this function for one lead.';

revoke execute on function brain.transition_leads(uuid[], text, text, text) from public;
grant execute on function brain.transition_leads(uuid[], text, text, text) to revenue_api, revenue_worker;
