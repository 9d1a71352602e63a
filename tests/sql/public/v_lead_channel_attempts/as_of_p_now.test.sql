-- brain.lead_channel_attempts_at(p_now) is the history as of p_now: attempts
-- recorded after p_now do not count and do not move last_attempt_at.
begin;
select plan(4);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550102') as lead \gset
select tests.create_campaign(:'a') as c \gset

select tests.create_touch(:'a', :'lead', :'c', 1, 'sms', 1, :'now'::timestamptz - interval '1 day') as t1 \gset
select tests.create_touch(:'a', :'lead', :'c', 1, 'sms', 2, :'now'::timestamptz - interval '2 hours') as t2 \gset
select tests.record_attempt(:'t1', :'now'::timestamptz - interval '1 hour', 'touch_sent');
select tests.record_attempt(:'t2', :'now'::timestamptz + interval '1 second', 'touch_failed');

-- TEST: an attempt one second after p_now is not counted.
select results_eq(
  format($$select attempts_done, last_attempt_at from brain.lead_channel_attempts_at(%L) where lead_id = %L and channel = 'sms'$$, :'now', :'lead'),
  format($$values (1::bigint, %L::timestamptz)$$, :'now'::timestamptz - interval '1 hour'),
  'at p_now: 1 attempt, the last an hour ago; the attempt 1 s later is not yet history');

-- TEST: an attempt at exactly p_now is counted.
select results_eq(
  format($$select attempts_done, last_attempt_at from brain.lead_channel_attempts_at(%L) where lead_id = %L and channel = 'sms'$$,
         :'now'::timestamptz + interval '1 second', :'lead'),
  format($$values (2::bigint, %L::timestamptz)$$, :'now'::timestamptz + interval '1 second'),
  'at p_now + 1 s: both attempts, the last at exactly p_now + 1 s');

-- TEST: before the first attempt the touch has no attempts.
select results_eq(
  format($$select attempts_done, last_attempt_at from brain.lead_channel_attempts_at(%L) where lead_id = %L and channel = 'sms'$$,
         :'now'::timestamptz - interval '90 minutes', :'lead'),
  $$values (0::bigint, null::timestamptz)$$,
  'ninety minutes before p_now: no attempts yet');

-- TEST: the function moves with p_now, the same data read at two times.
select results_eq(
  format($$select attempts_done from brain.lead_channel_attempts_at(%L) where lead_id = %L and channel = 'sms'$$,
         :'now'::timestamptz + interval '1 day', :'lead'),
  $$values (2::bigint)$$,
  'a day later both attempts count');

select * from finish();
rollback;
