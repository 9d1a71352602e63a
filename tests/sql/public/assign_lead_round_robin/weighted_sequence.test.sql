-- assign_lead_round_robin: a setter listed twice in the sequence gets twice the share.
begin;
select plan(4);

select tests.create_account() as acct \gset
select tests.create_user(:'acct', 'setter') as ua \gset
select tests.create_user(:'acct', 'setter') as ub \gset
update public.org_settings
set round_robin_enabled = true, round_robin_setter_sequence = array[:'ua', :'ua', :'ub']::uuid[]
where account_id = :'acct';

create temp table picks (n int primary key, outcome text, user_id uuid, idx int) on commit drop;
insert into picks select 1, r.* from public.assign_lead_round_robin(tests.create_lead(:'acct')) r;
insert into picks select 2, r.* from public.assign_lead_round_robin(tests.create_lead(:'acct')) r;
insert into picks select 3, r.* from public.assign_lead_round_robin(tests.create_lead(:'acct')) r;
insert into picks select 4, r.* from public.assign_lead_round_robin(tests.create_lead(:'acct')) r;
insert into picks select 5, r.* from public.assign_lead_round_robin(tests.create_lead(:'acct')) r;
insert into picks select 6, r.* from public.assign_lead_round_robin(tests.create_lead(:'acct')) r;

-- TEST: [A, A, B] over six leads gives A, A, B, A, A, B.
select results_eq(
  'select outcome, user_id, idx from picks order by n',
  format($$values ('assigned', %1$L::uuid, 0), ('assigned', %1$L::uuid, 1), ('assigned', %2$L::uuid, 2),
                  ('assigned', %1$L::uuid, 0), ('assigned', %1$L::uuid, 1), ('assigned', %2$L::uuid, 2)$$,
         :'ua', :'ub'),
  'six leads go to A, A, B, A, A, B');

-- TEST: the leads themselves carry the owners.
select results_eq(
  format($$select assigned_user_id, count(*)::int from public.leads where account_id = %L
           group by assigned_user_id order by count(*) desc$$, :'acct'),
  format($$values (%L::uuid, 4), (%L::uuid, 2)$$, :'ua', :'ub'),
  'A owns four leads and B two');
select is(
  (select count(*)::int from public.leads where account_id = :'acct' and assigned_at is null),
  0, 'every assigned lead has assigned_at');

-- TEST: the pointer rests on the last position used.
select is(
  (select round_robin_last_setter_index from public.org_settings where account_id = :'acct'),
  2, 'round_robin_last_setter_index is 2 after a full second cycle');

select * from finish();
rollback;
