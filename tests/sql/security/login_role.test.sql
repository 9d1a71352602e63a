-- Login runs as revenue_login, which may call only the login and session
-- functions; the API role and PUBLIC may not call them.
begin;
select plan(12);

-- TEST: revenue_login may execute exactly the login and session functions.
select ok(has_function_privilege('revenue_login', 'public.login_begin(text, text, timestamptz)', 'execute'), 'revenue_login: login_begin');
select ok(has_function_privilege('revenue_login', 'public.login_finish(bigint, boolean, text, uuid, interval)', 'execute'), 'revenue_login: login_finish');
select ok(has_function_privilege('revenue_login', 'public.password_change(uuid, bigint, boolean, text, text)', 'execute'), 'revenue_login: password_change');
select ok(has_function_privilege('revenue_login', 'public.session_context(uuid)', 'execute'), 'revenue_login: session_context');
select ok(has_function_privilege('revenue_login', 'public.session_revoke(uuid)', 'execute'), 'revenue_login: session_revoke');

-- TEST: the API role and PUBLIC may not.
select is(
  (select count(*)::int from (values ('public.login_begin(text, text, timestamptz)'), ('public.login_finish(bigint, boolean, text, uuid, interval)'),
     ('public.password_change(uuid, bigint, boolean, text, text)'), ('public.session_context(uuid)'), ('public.session_revoke(uuid)'),
     ('private.login_retry_after(text, text, timestamptz)'), ('private.open_session(uuid, uuid, text, text, interval)')) f(sig)
   where has_function_privilege('revenue_api', f.sig, 'execute')),
  0, 'revenue_api may execute none of them');
select is(
  (select count(*)::int from pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) acl
   where p.oid in ('public.login_begin(text, text, timestamptz)'::regprocedure, 'public.login_finish(bigint, boolean, text, uuid, interval)'::regprocedure,
                   'public.password_change(uuid, bigint, boolean, text, text)'::regprocedure, 'public.session_context(uuid)'::regprocedure,
                   'public.session_revoke(uuid)'::regprocedure)
     and acl.grantee = 0),
  0, 'PUBLIC may execute none of them');
select throws_ok($$ set local role revenue_api; select * from public.login_begin('a@example.com', '10.0.0.1') $$, '42501', null, 'as revenue_api: login_begin is refused');
reset role;

-- TEST: revenue_login reads no table, and may not call the tenant functions.
select ok(not has_table_privilege('revenue_login', 'public.users', 'select'), 'revenue_login cannot read users');
select ok(not has_table_privilege('revenue_login', 'public.login_attempts', 'select'), 'revenue_login cannot read login_attempts');
select ok(not has_table_privilege('revenue_login', 'public.user_sessions', 'select'), 'revenue_login cannot read user_sessions');
select results_eq(
  $$select p.oid::regprocedure::text from pg_proc p, aclexplode(p.proacl) acl
    where acl.grantee = 'revenue_login'::regrole order by 1$$,
  $$values ('accept_account_invite(text,uuid,timestamp with time zone)'),
           ('accept_account_invite_as_new_user(text,text,text,timestamp with time zone)'),
           ('invite_preview(text,timestamp with time zone)'),
           ('login_begin(text,text,timestamp with time zone)'), ('login_finish(bigint,boolean,text,uuid,interval)'),
           ('password_change(uuid,bigint,boolean,text,text)'), ('session_accounts(uuid)'), ('session_context(uuid)'),
           ('session_revoke(uuid)'), ('switch_session_account(uuid,uuid)')$$,
  'the only functions granted to revenue_login are those keyed by a session or a token: login, sessions, switching, invite links');

select * from finish();
rollback;
