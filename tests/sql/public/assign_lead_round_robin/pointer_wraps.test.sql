-- assign_lead_round_robin: the pointer starts at 0 and wraps around the effective sequence.
begin;
select plan(3);

select tests.create_account() as acct \gset
select tests.create_user(:'acct', 'setter') as ua \gset
select tests.create_user(:'acct', 'setter') as ub \gset
update public.org_settings
set round_robin_enabled = true, round_robin_setter_sequence = array[:'ua', :'ub']::uuid[]
where account_id = :'acct';

-- TEST: with no pointer yet, the first position is used.
select results_eq(
  format('select outcome, assigned_user_id, sequence_index from public.assign_lead_round_robin(%L)', tests.create_lead(:'acct')),
  format($$values ('assigned', %L::uuid, 0)$$, :'ua'),
  'a null pointer starts at position 0');

-- TEST: the last position is followed by the first.
select results_eq(
  format('select assigned_user_id, sequence_index from public.assign_lead_round_robin(%L)', tests.create_lead(:'acct')),
  format($$values (%L::uuid, 1)$$, :'ub'),
  'position 1 follows 0');

-- TEST: a pointer left beyond a shorter sequence wraps (the sequence used to be longer).
update public.org_settings set round_robin_last_setter_index = 4 where account_id = :'acct';
select results_eq(
  format('select assigned_user_id, sequence_index from public.assign_lead_round_robin(%L)', tests.create_lead(:'acct')),
  format($$values (%L::uuid, 1)$$, :'ub'),
  'pointer 4 over a sequence of two moves to (4 + 1) mod 2 = 1');

select * from finish();
rollback;
