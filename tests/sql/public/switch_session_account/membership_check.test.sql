-- A session moves only to an account where its user is an active member.
-- (session_context is read as the owner: only revenue_login executes it.)
begin;
select plan(7);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Beta') as b \gset
select tests.create_account('Gamma') as g \gset
select tests.create_account('Delta') as d \gset
select tests.create_user(:'a', 'owner') as u \gset
insert into public.account_members (account_id, user_id, role) values (:'b', :'u', 'analyst');
insert into public.account_members (account_id, user_id, role, is_active) values (:'g', :'u', 'owner', false);
insert into public.user_sessions (user_id, account_id, csrf_token, expires_at)
values (:'u', :'a', repeat('a', 64), now() + interval '1 hour') returning id as s \gset

select tests.act_as('revenue_login', null);
select results_eq(format($$select account_name, role, is_current from public.session_accounts(%L)$$, :'s'),
  $$values ('Alpha'::text, 'owner'::text, true), ('Beta', 'analyst', false)$$, 'the switcher lists active memberships only');

select throws_ok(format($$select public.switch_session_account(%L, %L)$$, :'s', :'g'),
  '42501', 'not_a_member', 'an inactive membership does not count');
select throws_ok(format($$select public.switch_session_account(%L, %L)$$, :'s', :'d'),
  '42501', 'not_a_member', 'nor an account the user never joined');
reset role;
select results_eq(format($$select account_name, role, csrf_token from public.session_context(%L)$$, :'s'),
  format($$values ('Alpha'::text, 'owner'::text, %L::text)$$, repeat('a', 64)), 'a refused switch changes nothing');

select tests.act_as('revenue_login', null);
select public.switch_session_account(:'s', :'b') as csrf \gset
reset role;
select results_eq(format($$select account_name, role from public.session_context(%L)$$, :'s'),
  $$values ('Beta'::text, 'analyst'::text)$$, 'session_context reports the new account and role');
select isnt(:'csrf', repeat('a', 64), 'the CSRF token is rotated');
select is((select csrf_token from public.session_context(:'s')), :'csrf', 'to the returned one');

select * from finish();
rollback;
