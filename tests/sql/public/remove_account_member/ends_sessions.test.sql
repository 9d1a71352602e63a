-- Removing a member deactivates the membership and ends their sessions in this account only.
begin;
select plan(6);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_user(:'a', 'owner') as o \gset
select tests.create_user(:'a', 'admin') as m \gset
insert into public.account_members (account_id, user_id, role) values (:'b', :'m', 'viewer');
insert into public.user_sessions (user_id, account_id, csrf_token, expires_at)
values (:'m', :'a', repeat('a', 64), now() + interval '1 hour') returning id as sa \gset
insert into public.user_sessions (user_id, account_id, csrf_token, expires_at)
values (:'m', :'b', repeat('b', 64), now() + interval '1 hour') returning id as sb \gset

select tests.act_as('revenue_api', :'a');
select is(public.remove_account_member(:'o', :'m'), 1, 'one session ended');
select throws_ok(format($$select public.remove_account_member(%L, %L)$$, :'o', :'m'),
  'P0002', 'member_not_found', 'removing twice says so');
select is(json_array_length(public.team_page() -> 'members'), 1, 'only the owner is listed');
reset role;
select is((select is_active from public.account_members where account_id = :'a' and user_id = :'m'), false, 'the membership is inactive (history kept)');
select is((select count(*)::int from public.session_context(:'sa')), 0, 'the session in this account no longer works');
select is((select account_name from public.session_context(:'sb')), (select name from public.accounts where id = :'b'),
  'the session in the other account is untouched');

select * from finish();
rollback;
