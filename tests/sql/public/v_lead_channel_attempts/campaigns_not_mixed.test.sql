-- v_lead_channel_attempts keeps a lead's attempts apart per campaign and step: the
-- same step and channel in campaign A and campaign B are two rows, never summed.
begin;
select plan(4);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'two@example.com') as lead \gset
select tests.create_campaign(:'a') as ca \gset
select tests.create_campaign(:'a') as cb \gset

-- Campaign A, step 1, voice: two attempts.
select tests.create_touch(:'a', :'lead', :'ca', 1, 'voice', 1, :'now'::timestamptz - interval '3 days') as a1 \gset
select tests.create_touch(:'a', :'lead', :'ca', 1, 'voice', 2, :'now'::timestamptz - interval '2 days') as a2 \gset
select tests.record_attempt(:'a1', :'now'::timestamptz - interval '3 days', 'touch_sent');
select tests.record_attempt(:'a2', :'now'::timestamptz - interval '2 days', 'touch_failed');
-- Campaign B, step 1, voice: one attempt, later than A's.
select tests.create_touch(:'a', :'lead', :'cb', 1, 'voice', 1, :'now'::timestamptz - interval '5 hours') as b1 \gset
select tests.record_attempt(:'b1', :'now'::timestamptz - interval '5 hours', 'touch_sent');
-- Campaign A, step 2, voice: one attempt.
select tests.create_touch(:'a', :'lead', :'ca', 2, 'voice', 1, :'now'::timestamptz - interval '1 hour') as a_s2 \gset
select tests.record_attempt(:'a_s2', :'now'::timestamptz - interval '1 hour', 'touch_sent');
-- No campaign, step 1, voice: one attempt.
select tests.create_touch(:'a', :'lead', null, 1, 'voice', 1, :'now'::timestamptz - interval '10 minutes') as n1 \gset
select tests.record_attempt(:'n1', :'now'::timestamptz - interval '10 minutes', 'touch_sent');

-- TEST: campaign A, step 1 counts only its own attempts.
select results_eq(
  format($$select attempts_done, last_attempt_at from brain.lead_channel_attempts_at(%L)
           where lead_id = %L and campaign_id = %L and step = 1 and channel = 'voice'$$, :'now', :'lead', :'ca'),
  format($$values (2::bigint, %L::timestamptz)$$, :'now'::timestamptz - interval '2 days'),
  'campaign A, step 1, voice: 2 attempts, the last 2 days ago (B''s later attempt is not A''s)');

-- TEST: campaign B, step 1 counts only its own attempts.
select results_eq(
  format($$select attempts_done, last_attempt_at from brain.lead_channel_attempts_at(%L)
           where lead_id = %L and campaign_id = %L and step = 1 and channel = 'voice'$$, :'now', :'lead', :'cb'),
  format($$values (1::bigint, %L::timestamptz)$$, :'now'::timestamptz - interval '5 hours'),
  'campaign B, step 1, voice: 1 attempt');

-- TEST: another step, and touches outside any campaign, are rows of their own.
select results_eq(
  format($$select attempts_done, last_attempt_at from brain.lead_channel_attempts_at(%L)
           where lead_id = %L and campaign_id = %L and step = 2 and channel = 'voice'$$, :'now', :'lead', :'ca'),
  format($$values (1::bigint, %L::timestamptz)$$, :'now'::timestamptz - interval '1 hour'),
  'campaign A, step 2, voice: 1 attempt, apart from step 1');
select results_eq(
  format($$select attempts_done, last_attempt_at from brain.lead_channel_attempts_at(%L)
           where lead_id = %L and campaign_id is null and step = 1 and channel = 'voice'$$, :'now', :'lead'),
  format($$values (1::bigint, %L::timestamptz)$$, :'now'::timestamptz - interval '10 minutes'),
  'no campaign, step 1, voice: 1 attempt, apart from both campaigns');

select * from finish();
rollback;
