-- assign_lead_round_robin: with no configured sequence, the account's active setters
-- take turns, oldest membership first.
begin;
select plan(2);

select tests.create_account() as acct \gset
select tests.create_user(:'acct', 'setter') as s1 \gset
select tests.create_user(:'acct', 'setter') as s2 \gset
select tests.create_user(:'acct', 'setter') as s3 \gset
select tests.create_user(:'acct', 'owner') as owner \gset
update public.account_members set created_at = '2026-01-03' where user_id = :'s1';
update public.account_members set created_at = '2026-01-01' where user_id = :'s2';
update public.account_members set created_at = '2026-01-02' where user_id = :'s3';
update public.account_members set created_at = '2025-01-01' where user_id = :'owner';
update public.org_settings set round_robin_enabled = true where account_id = :'acct';

create temp table picks (n int primary key, outcome text, user_id uuid, idx int) on commit drop;
insert into picks select 1, r.* from public.assign_lead_round_robin(tests.create_lead(:'acct')) r;
insert into picks select 2, r.* from public.assign_lead_round_robin(tests.create_lead(:'acct')) r;
insert into picks select 3, r.* from public.assign_lead_round_robin(tests.create_lead(:'acct')) r;
insert into picks select 4, r.* from public.assign_lead_round_robin(tests.create_lead(:'acct')) r;

-- TEST: the setters rotate by membership age; the owner is not a setter and gets nothing.
select results_eq(
  'select outcome, user_id, idx from picks order by n',
  format($$values ('assigned', %1$L::uuid, 0), ('assigned', %2$L::uuid, 1), ('assigned', %3$L::uuid, 2),
                  ('assigned', %1$L::uuid, 0)$$,
         :'s2', :'s3', :'s1'),
  'an empty sequence rotates over the active setters, oldest membership first');

-- TEST: the stored sequence stays empty; only the pointer moves.
select results_eq(
  format('select round_robin_setter_sequence, round_robin_last_setter_index from public.org_settings where account_id = %L', :'acct'),
  $$values ('{}'::uuid[], 0)$$,
  'the configured sequence is left empty and the pointer is 0');

select * from finish();
rollback;
