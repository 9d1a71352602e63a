-- private.create_analyst_login / drop_analyst_login: a login bound to one account,
-- refusals with stable codes, rotation of the password only. Roles are cluster-wide:
-- unique names, and everything rolls back with the test.
begin;
select plan(18);

select tests.create_account('Acme') as a \gset
select tests.create_account('Bravo') as b \gset
select slug as slug_a from public.accounts where id = :'a' \gset
select slug as slug_b from public.accounts where id = :'b' \gset
select 'tap_cal_' || substr(md5(random()::text), 1, 10) as login \gset
-- Two syntactically valid verifiers (the keys need not match any password here).
select 'SCRAM-SHA-256$4096:c2FsdHNhbHRzYWx0c2FsdA==$' || encode(sha256('s1'), 'base64') || ':' || encode(sha256('k1'), 'base64') as v1 \gset
select 'SCRAM-SHA-256$4096:c2FsdHNhbHRzYWx0c2FsdA==$' || encode(sha256('s2'), 'base64') || ':' || encode(sha256('k2'), 'base64') as v2 \gset

-- TEST: refusals before anything is created.
select throws_ok(format($$select private.create_analyst_login('Bad Name', %L, %L)$$, :'slug_a', :'v1'), '22023', 'invalid_login_name', 'a name with capitals or spaces');
select throws_ok(format($$select private.create_analyst_login('revenue_api_copy', %L, %L)$$, :'slug_a', :'v1'), '22023', 'invalid_login_name', 'a name in our roles'' namespace');
select throws_ok(format($$select private.create_analyst_login(%L, %L, 'plain-password')$$, :'login', :'slug_a'), '22023', 'invalid_password_verifier', 'a clear-text password');
select throws_ok(format($$select private.create_analyst_login(%L, 'no-such-account', %L)$$, :'login', :'v1'), 'P0002', 'account_not_found', 'an unknown account');
select throws_ok(format($$select private.create_analyst_login('postgres', %L, %L)$$, :'slug_a', :'v1'), '42710', 'role_exists', 'a role that is not an analyst login');
select throws_ok(format($$select private.create_analyst_login(%L, %L, %L, true)$$, :'login', :'slug_a', :'v1'), 'P0002', 'analyst_login_not_found', 'rotating a login that does not exist');

-- TEST: created, bound, a member of revenue_analyst only, read-only by default.
select is(private.create_analyst_login(:'login', :'slug_a', :'v1') ->> 'outcome', 'created', 'created');
select is((select account_id from private.analyst_logins where login = :'login'), :'a'::uuid, 'bound to the account');
select is((select rolpassword from pg_authid where rolname = :'login'), :'v1', 'the verifier is stored as given');
select is(array(select g.rolname::text from pg_auth_members m join pg_roles g on g.oid = m.roleid
                where m.member = (select oid from pg_roles where rolname = :'login')),
          array['revenue_analyst'], 'a member of revenue_analyst only');
select ok((select r.rolcanlogin and not r.rolsuper and not r.rolcreaterole and not r.rolcreatedb and not r.rolbypassrls
           from pg_roles r where r.rolname = :'login'), 'a plain login');
select is((select s.setconfig from pg_db_role_setting s where s.setrole = (select oid from pg_roles where rolname = :'login')),
          array['default_transaction_read_only=on'], 'its sessions are read-only by default');

-- TEST: again: refused; bound elsewhere: refused; rotated: new password, same binding.
select throws_ok(format($$select private.create_analyst_login(%L, %L, %L)$$, :'login', :'slug_a', :'v2'), '42710', 'analyst_login_exists', 'an existing login is refused');
select throws_ok(format($$select private.create_analyst_login(%L, %L, %L, true)$$, :'login', :'slug_b', :'v2'), '42710', 'analyst_login_exists', 'it cannot move to another account');
select is(private.create_analyst_login(:'login', :'slug_a', :'v2', true) ->> 'outcome', 'rotated', 'rotated');
select is((select rolpassword from pg_authid where rolname = :'login'), :'v2', 'the new verifier is stored');

-- TEST: dropped: the role and the binding go.
select is(private.drop_analyst_login(:'login') ->> 'outcome', 'dropped', 'dropped');
select is((select count(*)::int from pg_roles where rolname = :'login') + (select count(*)::int from private.analyst_logins where login = :'login'),
  0, 'neither the role nor its binding is left');

select * from finish();
rollback;
