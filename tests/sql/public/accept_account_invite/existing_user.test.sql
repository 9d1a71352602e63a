-- A logged-in user accepts an invite to their own email and the session moves there.
begin;
select plan(7);

select tests.create_account('Home') as a \gset
select tests.create_account('Joined') as b \gset
select tests.create_user(:'a', 'owner') as u \gset
select tests.create_user(:'a', 'setter') as other \gset
select tests.create_user(:'b', 'owner') as ob \gset
insert into public.user_sessions (user_id, account_id, csrf_token, expires_at)
values (:'u', :'a', repeat('a', 64), now() + interval '1 hour') returning id as s \gset
insert into public.user_sessions (user_id, account_id, csrf_token, expires_at)
values (:'other', :'a', repeat('o', 64), now() + interval '1 hour') returning id as s_other \gset

select email as u_email from public.users where id = :'u' \gset
select tests.act_as('revenue_api', :'b');
select * from public.create_account_invite(:'ob', :'u_email', 'admin',
  encode(sha256('join-token'::bytea), 'hex'));
reset role;
select tests.act_as('revenue_login', null);
select results_eq($$select status, user_exists from public.invite_preview(encode(sha256('join-token'::bytea), 'hex'))$$,
  $$values ('open'::text, true)$$, 'the page knows the invitee has a login');

reset role;
select tests.act_as('revenue_login', null);
select throws_ok(format($$select * from public.accept_account_invite(encode(sha256('join-token'::bytea), 'hex'), %L)$$, :'s_other'),
  '42501', 'invite_for_another_email', 'someone else''s session cannot take it');
select throws_ok($$select * from public.accept_account_invite(encode(sha256('join-token'::bytea), 'hex'), gen_random_uuid())$$,
  '42501', 'not_logged_in', 'nor an unknown session');
select results_eq($$select status from public.invite_preview(encode(sha256('join-token'::bytea), 'hex'))$$,
  $$values ('open'::text)$$, 'refusals leave it open');

select results_eq(format($$select account_id, role from public.accept_account_invite(encode(sha256('join-token'::bytea), 'hex'), %L)$$, :'s'),
  format($$values (%L::uuid, 'admin'::text)$$, :'b'), 'accepted');
reset role;
select results_eq(format($$select account_name, role from public.session_context(%L)$$, :'s'),
  $$values ('Joined'::text, 'admin'::text)$$, 'the session now acts in the joined account with the invited role');
select tests.act_as('revenue_login', null);
select throws_ok(format($$select * from public.accept_account_invite(encode(sha256('join-token'::bytea), 'hex'), %L)$$, :'s'),
  '55000', 'invite_used', 'once');
reset role;

select * from finish();
rollback;
