-- Several leads move at once with one reason: each accepted move is logged in
-- lead_events with that reason and actor, a lead already there is left alone, and a
-- move the state machine forbids, or a lead that does not exist, moves none of them.
begin;
select plan(8);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l_new \gset
select tests.create_lead(:'a', '+13055550102', p_lead_state => 'dead') as l_dead \gset
select tests.create_lead(:'a', '+13055550103', p_lead_state => 'touched') as l_touched \gset
select tests.create_lead(:'a', '+13055550104', p_lead_state => 'closed') as l_closed \gset

-- TEST: new and dead move to touched; touched stays (moved false), in the order given.
select results_eq(
  format($$select lead_id, moved from brain.transition_leads(array[%L, %L, %L]::uuid[], 'touched', 'touch_sent', 'dispatch_touch')$$,
         :'l_touched', :'l_new', :'l_dead'),
  format($$values (%L::uuid, false), (%L::uuid, true), (%L::uuid, true)$$, :'l_touched', :'l_new', :'l_dead'),
  'two leads moved, one already there');
select results_eq(
  format($$select lead_id, previous_state, new_state, reason, actor from public.lead_events
           where lead_id in (%L, %L, %L) order by previous_state$$, :'l_touched', :'l_new', :'l_dead'),
  format($$values (%L::uuid, 'dead'::text, 'touched'::text, 'touch_sent'::text, 'dispatch_touch'::text),
                  (%L::uuid, 'new', 'touched', 'touch_sent', 'dispatch_touch')$$, :'l_dead', :'l_new'),
  'each move is logged once with the reason and actor');
select is(current_setting('app.transition_reason', true), '', 'the reason does not outlive the call');
select is(coalesce(current_setting('app.transition_logged', true), ''), '', 'nor does the note that the call logs its own moves');

-- TEST: after the call, a direct update is still logged, by the trigger, once.
update public.leads set lead_state = 'responded' where id = :'l_new';
select results_eq(
  format($$select previous_state, new_state, reason from public.lead_events where lead_id = %L order by previous_state$$, :'l_new'),
  $$values ('new'::text, 'touched'::text, 'touch_sent'::text), ('touched', 'responded', 'direct_update')$$,
  'the next move of that lead, a direct update, is logged once by the trigger');

-- TEST: a forbidden move or a missing lead moves nothing.
select tests.create_lead(:'a', '+13055550105') as l_other \gset
select throws_ok(format($$select * from brain.transition_leads(array[%L, %L]::uuid[], 'new', 'test')$$, :'l_other', :'l_closed'),
                 'P0001', 'invalid_lead_transition', 'closed → new is refused');
select throws_ok(format($$select * from brain.transition_leads(array[%L, '00000000-0000-0000-0000-000000000001']::uuid[], 'touched', 'test')$$, :'l_other'),
                 'P0002', 'lead_not_found', 'a lead that is not visible is refused');
select is((select lead_state from public.leads where id = :'l_other'), 'new', 'after a refusal no lead moved');

select * from finish();
rollback;
