-- assign_lead_round_robin: only active setters are assigned; the others are skipped
-- from the configured sequence (order and duplicates kept) and from the fallback.
begin;
select plan(3);

select tests.create_account() as acct \gset
select tests.create_account() as other \gset
select tests.create_user(:'acct', 'setter') as ua \gset
select tests.create_user(:'acct', 'setter') as ub \gset
select tests.create_user(:'acct', 'setter') as inactive_member \gset
select tests.create_user(:'acct', 'setter') as disabled_user \gset
select tests.create_user(:'acct', 'admin') as admin \gset
select tests.create_user(:'other', 'setter') as stranger \gset
update public.account_members set is_active = false where user_id = :'inactive_member';
update public.users set is_active = false where id = :'disabled_user';
update public.account_members set created_at = '2026-01-01' where user_id = :'ub';
update public.account_members set created_at = '2026-01-02' where user_id = :'ua';
update public.org_settings
set round_robin_enabled = true,
    round_robin_setter_sequence = array[
      :'ua', :'inactive_member', :'admin', :'ua', :'stranger', :'disabled_user',
      'c0ffee00-0000-0000-0000-000000000000', :'ub']::uuid[]
where account_id = :'acct';

create temp table picks (n int primary key, outcome text, user_id uuid, idx int) on commit drop;
insert into picks select 1, r.* from public.assign_lead_round_robin(tests.create_lead(:'acct')) r;
insert into picks select 2, r.* from public.assign_lead_round_robin(tests.create_lead(:'acct')) r;
insert into picks select 3, r.* from public.assign_lead_round_robin(tests.create_lead(:'acct')) r;
insert into picks select 4, r.* from public.assign_lead_round_robin(tests.create_lead(:'acct')) r;

-- TEST: the configured sequence is filtered to [A, A, B].
select results_eq(
  'select user_id, idx from picks order by n',
  format($$values (%1$L::uuid, 0), (%1$L::uuid, 1), (%2$L::uuid, 2), (%1$L::uuid, 0)$$, :'ua', :'ub'),
  'inactive members, a disabled user, an admin, another account''s setter and an unknown id are skipped');

-- TEST: the fallback to all setters skips the same people.
update public.org_settings
set round_robin_setter_sequence = '{}', round_robin_last_setter_index = null
where account_id = :'acct';
delete from picks;
insert into picks select 1, r.* from public.assign_lead_round_robin(tests.create_lead(:'acct')) r;
insert into picks select 2, r.* from public.assign_lead_round_robin(tests.create_lead(:'acct')) r;
insert into picks select 3, r.* from public.assign_lead_round_robin(tests.create_lead(:'acct')) r;
select results_eq(
  'select user_id, idx from picks order by n',
  format($$values (%1$L::uuid, 0), (%2$L::uuid, 1), (%1$L::uuid, 0)$$, :'ub', :'ua'),
  'with an empty sequence only the two active setters rotate');

select is_empty(
  format($$select 1 from public.leads where assigned_user_id in (%L, %L, %L, %L)$$,
         :'inactive_member', :'disabled_user', :'admin', :'stranger'),
  'no skipped person owns a lead');

select * from finish();
rollback;
