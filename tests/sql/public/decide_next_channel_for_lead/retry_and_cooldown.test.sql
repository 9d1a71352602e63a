-- With attempts left on the current channel, decide_next_channel_for_lead retries
-- it once its cooldown (cooldown_minutes after the last attempt) has passed,
-- including at the very end of the cooldown, and waits for it before:
-- wait_cooldown, wait_until = last attempt + cooldown.
begin;
select plan(7);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_lead(:'a', '+13055550160') as l_voice \gset
select tests.create_lead(:'a', '+13055550161') as l_wa \gset
select tests.create_lead(:'a', '+13055550162') as l_zero \gset

-- l_voice: voice (max 2, cooldown 1440 min) attempt 1 exactly a day before p_now.
select tests.record_attempt(
  tests.create_touch(:'a', :'l_voice', :'c', 1, 'voice', 1, :'now'::timestamptz - interval '1 day 5 minutes'),
  :'now'::timestamptz - interval '1440 minutes');

-- TEST: exactly at the end of the cooldown: retry.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_voice', :'c', :'now'),
  $$values ('retry_same_channel'::text, 'voice'::text, 'voice'::text, null::timestamptz, 'attempts_left'::text)$$,
  'voice 1/2, last attempt exactly 1440 min ago: retry_same_channel on voice');

-- TEST: one second before the end: wait until the end.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_voice', :'c', :'now'::timestamptz - interval '1 second'),
  format($$values ('wait_cooldown'::text, 'voice'::text, 'voice'::text, %L::timestamptz, 'cooldown_active'::text)$$, :'now'),
  'voice 1/2, one second before the cooldown ends: wait_cooldown until last attempt + 1440 min');

-- TEST: long after the end: retry.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_voice', :'c', :'now'::timestamptz + interval '3 days'),
  $$values ('retry_same_channel'::text, 'voice'::text, 'voice'::text, null::timestamptz, 'attempts_left'::text)$$,
  'voice 1/2, three days after the cooldown ended: retry_same_channel');

-- l_wa: whatsapp (max 3, cooldown 720 min): sent two days ago, failed an hour ago.
select tests.record_attempt(
  tests.create_touch(:'a', :'l_wa', :'c', 1, 'whatsapp', 1, :'now'::timestamptz - interval '2 days'),
  :'now'::timestamptz - interval '2 days', 'touch_sent');
select tests.record_attempt(
  tests.create_touch(:'a', :'l_wa', :'c', 1, 'whatsapp', 2, :'now'::timestamptz - interval '61 minutes'),
  :'now'::timestamptz - interval '1 hour', 'touch_failed');

-- TEST: the cooldown runs from the last attempt, a failed one included.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_wa', :'c', :'now'),
  format($$values ('wait_cooldown'::text, 'whatsapp'::text, 'whatsapp'::text, %L::timestamptz, 'cooldown_active'::text)$$,
         :'now'::timestamptz - interval '1 hour' + interval '720 minutes'),
  'whatsapp 2/3, last attempt (touch_failed) an hour ago: wait_cooldown until it + 720 min');
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_wa', :'c', :'now'::timestamptz + interval '11 hours'),
  $$values ('retry_same_channel'::text, 'whatsapp'::text, 'whatsapp'::text, null::timestamptz, 'attempts_left'::text)$$,
  'whatsapp 2/3, 720 min after the last attempt: retry_same_channel');

-- l_zero: sms with cooldown 0, attempt at exactly p_now.
select tests.record_attempt(
  tests.create_touch(:'a', :'l_zero', :'c', 1, 'sms', 1, :'now'::timestamptz - interval '1 minute',
                     tests.payload_v2('sms', p_cooldown_minutes => '{"voice": 1440, "whatsapp": 720, "sms": 0, "email": 1440}')),
  :'now');

-- TEST: a cooldown of 0 never waits.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_zero', :'c', :'now'),
  $$values ('retry_same_channel'::text, 'sms'::text, 'sms'::text, null::timestamptz, 'attempts_left'::text)$$,
  'sms 1/2 with cooldown 0, attempt at p_now: retry_same_channel at once');

-- TEST: the cooldown is the payload's, per channel.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_voice', :'c', :'now'::timestamptz - interval '721 minutes'),
  format($$values ('wait_cooldown'::text, 'voice'::text, 'voice'::text, %L::timestamptz, 'cooldown_active'::text)$$, :'now'),
  'voice uses its own 1440 min cooldown, not whatsapp''s or sms''s 720: still waiting 721 min before its end');

select * from finish();
rollback;
