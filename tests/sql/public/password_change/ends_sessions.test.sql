-- Setting a password ends every session of the user; password_change needs the
-- current password (settled attempt) and hands back a new session.
begin;
select plan(9);

select tests.create_account() as a \gset
select tests.create_user(:'a', 'owner') as u \gset
select tests.create_user(:'a', 'setter') as other \gset
select email from public.users where id = :'u' \gset
select session_id as s1 from public.login_finish((select attempt_id from public.login_begin(:'email', '10.3.3.3')), true, 'one') \gset
select session_id as s2 from public.login_finish((select attempt_id from public.login_begin(:'email', '10.3.3.4')), true, 'two') \gset
select session_id as s_other from public.login_finish((select attempt_id from public.login_begin((select email from public.users where id = :'other'), '10.3.3.3')), true, 'x') \gset
\set new_hash 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB'

-- TEST: the current password did not match: nothing changes.
select is_empty(format('select * from public.password_change(%L, %s, false, %L, %L)',
  :'s1', (select attempt_id from public.login_begin(:'email', '10.3.3.3')), :'new_hash', 'one'), 'a wrong current password: no new session');
select is((select password_hash from public.users where id = :'u'), null, 'the hash is unchanged');
select is((select count(*)::int from public.session_context(:'s1')), 1, 'the session lives on');

-- TEST: it matched: the hash is stored, both sessions end, a new one replaces them; the other user keeps theirs.
create temp table n as select * from public.password_change(:'s1', (select attempt_id from public.login_begin(:'email', '10.3.3.3')), true, :'new_hash', 'one');
select is((select password_hash from public.users where id = :'u'), :'new_hash', 'the new hash is stored');
select is((select count(*)::int from public.session_context(:'s1')) + (select count(*)::int from public.session_context(:'s2')), 0, 'every old session of the user ended');
select is((select user_id from public.session_context((select session_id from n))), :'u'::uuid, 'the new session is valid');
select is((select count(*)::int from public.session_context(:'s_other')), 1, 'another user''s session lives on');

-- TEST: any other path that sets a password (make user, a manual update) ends sessions too.
update public.users set password_hash = 'scrypt$1$1$1$x$y' where id = :'u';
select is((select count(*)::int from public.session_context((select session_id from n))), 0, 'an update of password_hash ends the sessions');

-- TEST: a value that is not a scrypt hash is refused.
select throws_ok(format('select * from public.password_change(%L, %s, true, %L, null)', :'s_other',
  (select attempt_id from public.login_begin((select email from public.users where id = :'other'), '10.3.3.3')), 'plain-text'),
  '22023', 'invalid_password_hash', 'a plain password is refused');

select * from finish();
rollback;
