-- login_finish settles a pending attempt once; a success opens a session.
begin;
select plan(7);

select tests.create_account() as a \gset
select tests.create_user(:'a', 'admin') as u \gset
select email from public.users where id = :'u' \gset

select attempt_id as ok_attempt from public.login_begin(:'email', '10.2.2.2') \gset
select attempt_id as bad_attempt from public.login_begin(:'email', '10.2.2.2') \gset

-- TEST: a wrong password: failed, no session.
select is_empty(format('select * from public.login_finish(%s, false, %L)', :'bad_attempt', 'test-agent'), 'a failed attempt opens no session');
select is((select outcome from public.login_attempts where id = :'bad_attempt'), 'failed', 'it is recorded as failed');

-- TEST: a right password: succeeded, one session in the user's workspace.
create temp table s as select * from public.login_finish(:'ok_attempt', true, 'test-agent');
select is((select account_id from s), :'a'::uuid, 'a session in the user''s workspace');
select ok((select succeeded and outcome = 'succeeded' and finished_at is not null from public.login_attempts where id = :'ok_attempt'), 'recorded as succeeded');
select is((select user_id from public.user_sessions where id = (select session_id from s)), :'u'::uuid, 'the session is the user''s');

-- TEST: an attempt is settled only once: replaying it opens nothing.
select is_empty(format('select * from public.login_finish(%s, true, %L)', :'ok_attempt', 'test-agent'), 'a settled attempt cannot be replayed');
select is_empty(format('select * from public.login_finish(%s, true, %L)', :'bad_attempt', 'test-agent'), 'a failed attempt cannot be turned into a success');

select * from finish();
rollback;
