-- assign_lead_round_robin: an empty effective sequence assigns nobody.
begin;
select plan(3);

select tests.create_account() as acct \gset
select tests.create_user(:'acct', 'owner') as owner \gset
select tests.create_user(:'acct', 'setter') as gone \gset
select tests.create_lead(:'acct') as lead \gset
update public.account_members set is_active = false where user_id = :'gone';
update public.org_settings
set round_robin_enabled = true, round_robin_last_setter_index = 1
where account_id = :'acct';

-- TEST: no setter at all (only an owner and an inactive setter).
select results_eq(
  format('select outcome, assigned_user_id, sequence_index from public.assign_lead_round_robin(%L)', :'lead'),
  $$values ('no_active_setters', null::uuid, null::int)$$,
  'an account without active setters assigns nobody');

-- TEST: a configured sequence whose setters are all inactive.
update public.org_settings set round_robin_setter_sequence = array[:'gone', :'owner']::uuid[] where account_id = :'acct';
select results_eq(
  format('select outcome from public.assign_lead_round_robin(%L)', :'lead'),
  $$values ('no_active_setters')$$,
  'a sequence of inactive setters and non-setters assigns nobody');

select results_eq(
  format($$select l.assigned_user_id, s.round_robin_last_setter_index,
                  (select count(*)::int from public.lead_assignment_events e where e.lead_id = l.id)
           from public.leads l join public.org_settings s on s.account_id = l.account_id where l.id = %L$$, :'lead'),
  $$values (null::uuid, 1, 0)$$,
  'the lead stays unassigned, the pointer keeps its value, and nothing is audited');

select * from finish();
rollback;
