-- login_begin checks the backoff and records the attempt in one call: a pending
-- attempt with the user's hash, or (when slowed) nothing recorded and a wait.
begin;
select plan(8);

select tests.create_account() as a \gset
select tests.create_user(:'a', 'owner') as u \gset
update public.users set password_hash = 'scrypt$16384$8$1$salt$hash' where id = :'u';
select email from public.users where id = :'u' \gset

-- TEST: an attempt may go ahead: pending row, user and hash returned.
create temp table r1 as select * from public.login_begin(upper(:'email'), '10.1.1.1', '2026-12-01 12:00:00+00');
select ok((select attempt_id is not null and retry_after = 0 and limited_by is null from r1), 'the attempt goes ahead');
select is((select user_id from r1), :'u'::uuid, 'the user the email names');
select is((select password_hash from r1), 'scrypt$16384$8$1$salt$hash', 'and their hash');
select is((select outcome || ' ' || email || ' ' || ip from public.login_attempts where id = (select attempt_id from r1)),
          'pending ' || :'email' || ' 10.1.1.1', 'a pending attempt is recorded (email lower-cased)');

-- TEST: an unknown email still records an attempt, with no user and no hash.
create temp table r2 as select * from public.login_begin('nobody@example.com', '10.1.1.1', '2026-12-01 12:00:00+00');
select ok((select attempt_id is not null and user_id is null and password_hash is null from r2), 'unknown email: attempt, no user, no hash');

-- TEST: after 5 pending or failed attempts for the email, the 6th is refused: no hash, nothing recorded.
select public.login_begin(:'email', '10.1.1.' || g, '2026-12-01 12:00:00+00') from generate_series(2, 5) g;
create temp table r3 as select * from public.login_begin(:'email', '10.1.1.9', '2026-12-01 12:00:00+00');
select ok((select attempt_id is null and user_id is null and password_hash is null from r3), 'refused: no attempt id, no user, no hash');
select is((select retry_after || ' ' || limited_by from r3), '2 account', 'refused: wait 2 s, the account limit');
select is((select count(*)::int from public.login_attempts where email = :'email'), 5, 'the refused attempt is not recorded');

select * from finish();
rollback;
