-- A channel of fallback.order missing from max_attempts is allowed 1 attempt; one
-- missing from cooldown_minutes has no cooldown.
begin;
select plan(3);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_lead(:'a', '+13055550220', 'def1@example.com') as l_max \gset
select tests.create_lead(:'a', '+13055550221', 'def2@example.com') as l_cool \gset

-- l_max: order sms, email; no max_attempts, no cooldowns; sms tried once.
select tests.record_attempt(
  tests.create_touch(:'a', :'l_max', :'c', 1, 'sms', 1, :'now'::timestamptz - interval '2 minutes',
                     tests.payload_v2('sms', array['sms', 'email'], '{}', '{}')),
  :'now'::timestamptz - interval '1 minute');

-- TEST: one attempt uses up a channel with no max_attempts.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_max', :'c', :'now'),
  $$values ('switch_channel'::text, 'sms'::text, 'email'::text, null::timestamptz, 'current_exhausted'::text)$$,
  'no max_attempts: sms 1/1 is used up, switch_channel to email');

-- TEST: before that attempt, sms still had its one attempt.
select results_eq(
  format($$select decision, next_channel from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$,
         :'l_max', :'c', :'now'::timestamptz - interval '1 minute' - interval '1 second'),
  $$values ('retry_same_channel'::text, 'sms'::text)$$,
  'no max_attempts: before its first attempt, sms has 1 attempt left');

-- l_cool: sms allowed 2 attempts, no cooldown given; tried once, at p_now.
select tests.record_attempt(
  tests.create_touch(:'a', :'l_cool', :'c', 1, 'sms', 1, :'now'::timestamptz - interval '1 minute',
                     tests.payload_v2('sms', array['sms', 'email'], '{"sms": 2}', '{"email": 1440}')),
  :'now');

-- TEST: no cooldown for the channel: retry at once.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_cool', :'c', :'now'),
  $$values ('retry_same_channel'::text, 'sms'::text, 'sms'::text, null::timestamptz, 'attempts_left'::text)$$,
  'sms 1/2 with no cooldown_minutes entry, attempt at p_now: retry_same_channel at once');

select * from finish();
rollback;
