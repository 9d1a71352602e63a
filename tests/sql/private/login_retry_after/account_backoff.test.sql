-- Per email: 5 failures since the last success (within 15 minutes) are free,
-- then a doubling delay; an address that logged in to this email within 30 days
-- is exempt, so the real user gets in while others hammer the email.
begin;
select plan(8);

-- The real user logged in from 10.9.9.9 a week ago.
insert into public.login_attempts (email, ip, succeeded, outcome, created_at)
values ('victim@example.com', '10.9.9.9', true, 'succeeded', '2026-11-24 12:00:00+00');
-- Five failures for the email, each from a different address (a spread-out attacker).
insert into public.login_attempts (email, ip, succeeded, outcome, created_at)
select 'victim@example.com', '203.0.113.' || g, false, 'failed', timestamptz '2026-12-01 12:00:00+00' + g * interval '1 second'
from generate_series(1, 4) g;

-- TEST: four failures: free.
select is((select retry_after from private.login_retry_after('victim@example.com', '203.0.113.50', '2026-12-01 12:00:05+00')), 0, '4 failures: no wait');

insert into public.login_attempts (email, ip, succeeded, outcome, created_at)
values ('Victim@example.com ', '203.0.113.5', false, 'failed', '2026-12-01 12:00:05+00');
update public.login_attempts set email = lower(btrim(email));

-- TEST: the 5th failure: a new address waits 2 s, and is told it is the account's limit.
select is((select retry_after from private.login_retry_after('VICTIM@example.com', '203.0.113.50', '2026-12-01 12:00:05+00')), 2, '5 failures: a new address waits 2 s');
select is((select limited_by from private.login_retry_after('victim@example.com', '203.0.113.50', '2026-12-01 12:00:05+00')), 'account', 'the account limit applies');

-- TEST: the real user's address is exempt from the account's delay.
select is((select retry_after from private.login_retry_after('victim@example.com', '10.9.9.9', '2026-12-01 12:00:05+00')), 0, 'an address that logged in within 30 days: no wait');

-- TEST: an old login (over 30 days) no longer exempts.
select is((select retry_after from private.login_retry_after('victim@example.com', '10.9.9.9', '2026-12-25 12:00:05+00')), 0, 'after the window the failures are gone too (no wait)');
insert into public.login_attempts (email, ip, succeeded, outcome, created_at)
select 'victim@example.com', '203.0.113.' || g, false, 'failed', timestamptz '2026-12-25 12:00:00+00' + g * interval '1 second'
from generate_series(1, 6) g;
select is((select retry_after from private.login_retry_after('victim@example.com', '10.9.9.9', '2026-12-25 12:00:06+00')), 4, 'a login 31 days ago exempts no more: 6 failures, 4 s');

-- TEST: a success resets the account's count.
insert into public.login_attempts (email, ip, succeeded, outcome, created_at)
values ('victim@example.com', '10.9.9.9', true, 'succeeded', '2026-12-25 12:00:07+00');
select is((select retry_after from private.login_retry_after('victim@example.com', '203.0.113.77', '2026-12-25 12:00:08+00')), 0, 'after a success: no wait');

-- TEST: without a known address (null) only the account limit applies.
select is((select retry_after from private.login_retry_after('victim@example.com', null, '2026-12-25 12:00:06+00')), 4, 'a null address: the account limit still applies');

select * from finish();
rollback;
