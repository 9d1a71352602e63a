-- assign_lead_round_robin: nothing happens while round_robin_enabled is off.
begin;
select plan(2);

select tests.create_account() as acct \gset
select tests.create_user(:'acct', 'setter') as ua \gset
select tests.create_lead(:'acct') as lead \gset
update public.org_settings
set round_robin_enabled = false, round_robin_setter_sequence = array[:'ua']::uuid[]
where account_id = :'acct';

-- TEST: the outcome is disabled and nothing changes.
select results_eq(
  format($$select outcome, assigned_user_id, sequence_index from public.assign_lead_round_robin(%L, 'email')$$, :'lead'),
  $$values ('disabled', null::uuid, null::int)$$,
  'a disabled account does not assign');
select results_eq(
  format($$select l.assigned_user_id, s.round_robin_last_setter_index,
                  (select count(*)::int from public.lead_assignment_events e where e.lead_id = l.id)
           from public.leads l join public.org_settings s on s.account_id = l.account_id where l.id = %L$$, :'lead'),
  $$values (null::uuid, null::int, 0)$$,
  'the lead stays unassigned, the pointer unset, and nothing is audited');

select * from finish();
rollback;
