-- The lead state machine: exactly the transitions of DESIGN.md are accepted,
-- every other is refused with invalid_lead_transition, and each accepted one is
-- logged in lead_events with previous_state and new_state.
begin;
select plan(10);

select set_config('t.account', tests.create_account()::text, true);

-- The expected machine, written out here independently of the data table.
create temp table expected (from_state text, to_state text) on commit drop;
insert into expected values
  -- forward along the funnel (stages may be skipped)
  ('new','touched'), ('new','responded'), ('new','email_captured'), ('new','high_intent'), ('new','in_call_queue'), ('new','closed'),
  ('touched','responded'), ('touched','email_captured'), ('touched','high_intent'), ('touched','in_call_queue'), ('touched','closed'),
  ('responded','email_captured'), ('responded','high_intent'), ('responded','in_call_queue'), ('responded','closed'),
  ('email_captured','high_intent'), ('email_captured','in_call_queue'), ('email_captured','closed'),
  ('high_intent','in_call_queue'), ('high_intent','closed'),
  ('in_call_queue','closed'),
  -- cadence exhausted, and reactivation
  ('touched','dead'), ('responded','dead'), ('email_captured','dead'), ('high_intent','dead'), ('in_call_queue','dead'),
  ('dead','touched'), ('dead','responded'), ('dead','closed'),
  -- a meeting on the calendar (issue 18): reached from every open state, left by the meeting's outcome
  ('new','appointment_booked'), ('touched','appointment_booked'), ('responded','appointment_booked'),
  ('email_captured','appointment_booked'), ('high_intent','appointment_booked'), ('in_call_queue','appointment_booked'),
  ('dead','appointment_booked'), ('appointment_booked','closed'), ('appointment_booked','high_intent'),
  ('appointment_booked','suppressed'),
  -- suppression from every state
  ('new','suppressed'), ('touched','suppressed'), ('responded','suppressed'), ('email_captured','suppressed'),
  ('high_intent','suppressed'), ('in_call_queue','suppressed'), ('closed','suppressed'), ('dead','suppressed');

select set_eq(
  'select from_state, to_state from public.lead_state_transitions',
  'select from_state, to_state from expected',
  'the transitions table holds exactly the designed machine');

-- Try every ordered pair of distinct states on a fresh lead.
create temp table outcome (lead_id uuid, from_state text, to_state text, accepted boolean, error text) on commit drop;
do $$
declare
  v_pair record;
  v_lead uuid;
begin
  for v_pair in
    select f.state as from_state, t.state as to_state
    from public.lead_states f cross join public.lead_states t
    where f.state <> t.state
  loop
    v_lead := tests.create_lead(current_setting('t.account')::uuid, p_lead_state => v_pair.from_state);
    begin
      update public.leads set lead_state = v_pair.to_state where id = v_lead;
      insert into outcome values (v_lead, v_pair.from_state, v_pair.to_state, true, null);
    exception when others then
      insert into outcome values (v_lead, v_pair.from_state, v_pair.to_state, false, sqlerrm);
    end;
  end loop;
end
$$;

select is((select count(*)::int from outcome), 90, 'all 90 ordered pairs of the 10 states were tried');
select set_eq(
  'select from_state, to_state from outcome where accepted',
  'select from_state, to_state from expected',
  'every allowed transition is accepted and no other');
select is(
  (select count(*)::int from outcome where not accepted and error <> 'invalid_lead_transition'),
  0, 'every refusal raises invalid_lead_transition');
select is(
  (select count(*)::int from outcome o join public.leads l on l.id = o.lead_id
   where not o.accepted and l.lead_state <> o.from_state),
  0, 'a refused transition leaves the lead in its state');
select set_eq(
  format('select lead_id, previous_state, new_state from public.lead_events where account_id = %L and event_type = %L',
         current_setting('t.account'), 'state_transition'),
  'select lead_id, from_state, to_state from outcome where accepted',
  'each accepted transition is logged once in lead_events, and refused ones are not');

-- TEST: the refusal says which move was refused.
create temp table refusal (detail text) on commit drop;
do $$
declare
  v_lead uuid := tests.create_lead(current_setting('t.account')::uuid, p_lead_state => 'closed');
  v_detail text;
begin
  update public.leads set lead_state = 'touched' where id = v_lead;
exception when others then
  get stacked diagnostics v_detail = pg_exception_detail;
  insert into refusal values (v_detail);
end
$$;
select is((select detail from refusal), 'closed → touched is not allowed', 'the error detail names the refused move');

-- TEST: brain.transition_lead records its reason and actor, and does not leak them.
select tests.create_lead(current_setting('t.account')::uuid) as lead \gset
select is(brain.transition_lead(:'lead', 'touched', 'touch_sent', 'dispatch_touch'), true, 'transition_lead moves the lead');
select results_eq(
  format($$select reason, actor, previous_state, new_state from public.lead_events where lead_id = %L$$, :'lead'),
  $$values ('touch_sent'::text, 'dispatch_touch'::text, 'new'::text, 'touched'::text)$$,
  'the reason and actor are in lead_events');
update public.leads set lead_state = 'responded' where id = :'lead';
select results_eq(
  format($$select reason from public.lead_events where lead_id = %L and new_state = 'responded'$$, :'lead'),
  $$values ('direct_update'::text)$$,
  'a later direct update does not inherit the previous reason');

select * from finish();
rollback;
