-- Per address: 10 failures in 15 minutes are free, then each further attempt
-- waits 2, 4, 8, … seconds after the latest failure, never more than 900 s.
begin;
select plan(9);

create temp table t (n int);
-- Failures from 10.0.0.1 for ten different emails (so only the address limit applies), one a second.
insert into public.login_attempts (email, ip, succeeded, outcome, created_at)
select 'guess' || g || '@example.com', '10.0.0.1', false, 'failed', timestamptz '2026-12-01 12:00:00+00' + g * interval '1 second'
from generate_series(1, 9) g;

-- TEST: nine failures: free.
select is((select retry_after from private.login_retry_after('x@example.com', '10.0.0.1', '2026-12-01 12:00:10+00')), 0, '9 failures: no wait');

insert into public.login_attempts (email, ip, succeeded, outcome, created_at)
values ('guess10@example.com', '10.0.0.1', false, 'failed', '2026-12-01 12:00:10+00');

-- TEST: the 10th failure: wait 2 s after it.
select is((select retry_after from private.login_retry_after('x@example.com', '10.0.0.1', '2026-12-01 12:00:10+00')), 2, '10 failures: wait 2 s');
select is((select limited_by from private.login_retry_after('x@example.com', '10.0.0.1', '2026-12-01 12:00:10+00')), 'address', 'the address limit applies');
select is((select retry_after from private.login_retry_after('x@example.com', '10.0.0.1', '2026-12-01 12:00:12+00')), 0, '2 s later: go ahead');

-- TEST: a pending attempt counts: the 11th (pending) doubles the wait.
insert into public.login_attempts (email, ip, succeeded, outcome, created_at)
values ('guess11@example.com', '10.0.0.1', false, 'pending', '2026-12-01 12:00:12+00');
select is((select retry_after from private.login_retry_after('x@example.com', '10.0.0.1', '2026-12-01 12:00:12+00')), 4, '11 failures (one pending): wait 4 s');

-- TEST: the delay keeps doubling up to its cap.
insert into public.login_attempts (email, ip, succeeded, outcome, created_at)
select 'more' || g || '@example.com', '10.0.0.1', false, 'failed', timestamptz '2026-12-01 12:00:12+00'
from generate_series(1, 20) g;
select is((select retry_after from private.login_retry_after('x@example.com', '10.0.0.1', '2026-12-01 12:00:12+00')), 900, '31 failures: capped at 900 s');

-- TEST: another address is not slowed.
select is((select retry_after from private.login_retry_after('x@example.com', '10.0.0.2', '2026-12-01 12:00:12+00')), 0, 'another address: no wait');

-- TEST: failures older than 15 minutes no longer count.
select is((select retry_after from private.login_retry_after('x@example.com', '10.0.0.1', '2026-12-01 12:15:13+00')), 0, '15 minutes later: no wait');

-- TEST: successes from the address do not reset its count (an attacker with an account of their own gains nothing).
insert into public.login_attempts (email, ip, succeeded, outcome, created_at)
values ('mine@example.com', '10.0.0.1', true, 'succeeded', '2026-12-01 12:00:13+00');
select is((select retry_after from private.login_retry_after('x@example.com', '10.0.0.1', '2026-12-01 12:00:14+00')), 898, 'a success of its own does not reset the address');

select * from finish();
rollback;
