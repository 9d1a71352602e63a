-- assign_lead_round_robin: a lead that has an owner keeps it, and the pointer stays put.
begin;
select plan(5);

select tests.create_account() as acct \gset
select tests.create_user(:'acct', 'setter') as ua \gset
select tests.create_user(:'acct', 'setter') as ub \gset
select tests.create_lead(:'acct') as owned \gset
update public.leads set assigned_user_id = :'ub', assigned_at = '2026-01-01' where id = :'owned';
update public.org_settings
set round_robin_enabled = true, round_robin_setter_sequence = array[:'ua', :'ub']::uuid[]
where account_id = :'acct';

-- TEST: the current owner is returned and kept.
select results_eq(
  format('select outcome, assigned_user_id, sequence_index from public.assign_lead_round_robin(%L)', :'owned'),
  format($$values ('already_assigned', %L::uuid, null::int)$$, :'ub'),
  'an assigned lead reports its current owner');
select results_eq(
  format('select assigned_user_id, assigned_at from public.leads where id = %L', :'owned'),
  format($$values (%L::uuid, '2026-01-01'::timestamptz)$$, :'ub'),
  'the owner and assigned_at are unchanged');
select results_eq(
  format($$select s.round_robin_last_setter_index,
                  (select count(*)::int from public.lead_assignment_events e where e.account_id = s.account_id)
           from public.org_settings s where s.account_id = %L$$, :'acct'),
  $$values (null::int, 0)$$,
  'the pointer did not move and nothing was audited');

-- TEST: the next unassigned lead still gets the first position.
select tests.create_lead(:'acct') as fresh \gset
select results_eq(
  format('select outcome, assigned_user_id, sequence_index from public.assign_lead_round_robin(%L)', :'fresh'),
  format($$values ('assigned', %L::uuid, 0)$$, :'ua'),
  'the next lead goes to position 0');

-- TEST: asking again for a lead just assigned is a no-op.
select results_eq(
  format($$select r.outcome, r.assigned_user_id, s.round_robin_last_setter_index
           from public.assign_lead_round_robin(%L) r, public.org_settings s where s.account_id = %L$$, :'fresh', :'acct'),
  format($$values ('already_assigned', %L::uuid, 0)$$, :'ua'),
  'a second call keeps the owner and leaves the pointer at 0');

select * from finish();
rollback;
