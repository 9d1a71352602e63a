-- Roles change from the next request; an account always keeps an active owner.
begin;
select plan(10);

select tests.create_account() as a \gset
select tests.create_user(:'a', 'owner') as o1 \gset
select tests.create_user(:'a', 'setter') as s \gset
select tests.create_account() as b \gset
select tests.create_user(:'b', 'owner') as ob \gset
insert into public.user_sessions (user_id, account_id, csrf_token, expires_at)
values (:'s', :'a', repeat('c', 64), now() + interval '1 hour') returning id as ss \gset

select tests.act_as('revenue_api', :'a');
-- TEST: the only owner cannot step down, and nothing changes.
select throws_ok(format($$select public.change_member_role(%L, %L, 'admin')$$, :'o1', :'o1'),
  'P0001', 'last_owner', 'the only owner cannot become admin');
select throws_ok(format($$select public.remove_account_member(%L, %L)$$, :'o1', :'o1'),
  'P0001', 'last_owner', 'nor remove themselves');
select is((select role from public.account_members where user_id = :'o1'), 'owner', 'still owner');

-- TEST: a setter promoted to owner; then the first owner may step down.
select is(public.change_member_role(:'o1', :'s', 'owner'), 'setter', 'returns the previous role');
reset role;
select is((select role from public.session_context(:'ss')), 'owner', 'session_context reports the new role on the next request');
select tests.act_as('revenue_api', :'a');
select lives_ok(format($$select public.change_member_role(%L, %L, 'viewer')$$, :'o1', :'o1'), 'with a second owner, the first may step down');
select throws_ok(format($$select public.change_member_role(%L, %L, 'admin')$$, :'s', :'s'),
  'P0001', 'last_owner', 'and now the promoted one is the last owner');

-- TEST: only owners of this account manage its team.
select throws_ok(format($$select public.change_member_role(%L, %L, 'owner')$$, :'o1', :'o1'),
  '42501', 'not_an_owner', 'a viewer cannot promote themselves');
select throws_ok(format($$select public.change_member_role(%L, %L, 'viewer')$$, :'ob', :'s'),
  '42501', 'not_an_owner', 'an owner of another account cannot act here');
select throws_ok(format($$select public.change_member_role(%L, %L, 'boss')$$, :'s', :'o1'),
  '22023', 'invalid_role', 'only the five roles');
reset role;

select * from finish();
rollback;
