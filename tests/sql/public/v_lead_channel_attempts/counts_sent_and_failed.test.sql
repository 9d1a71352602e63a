-- v_lead_channel_attempts / brain.lead_channel_attempts_at: an attempt is a
-- touch_sent or touch_failed memory event of one of the touches (payload.touch_run_id);
-- other events of the same touch are not attempts, and last_attempt_at is the
-- time of the latest attempt.
begin;
select plan(5);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100', 'lead@example.com') as lead \gset
select tests.create_campaign(:'a') as c \gset

-- sms: two touches; one sent, one failed, each also with a touch_scheduled event.
select tests.create_touch(:'a', :'lead', :'c', 1, 'sms', 1, :'now'::timestamptz - interval '3 days') as sms1 \gset
select tests.create_touch(:'a', :'lead', :'c', 1, 'sms', 2, :'now'::timestamptz - interval '1 day') as sms2 \gset
select tests.record_event(:'a', :'lead', 'touch_scheduled', :'now'::timestamptz - interval '3 days', 'internal', 'sms',
                          jsonb_build_object('touch_run_id', :'sms1'));
select tests.record_attempt(:'sms1', :'now'::timestamptz - interval '3 days' + interval '1 minute', 'touch_sent');
select tests.record_event(:'a', :'lead', 'touch_delivered', :'now'::timestamptz - interval '3 days' + interval '2 minutes', 'outbound', 'sms',
                          jsonb_build_object('touch_run_id', :'sms1'));
select tests.record_event(:'a', :'lead', 'touch_scheduled', :'now'::timestamptz - interval '1 day', 'internal', 'sms',
                          jsonb_build_object('touch_run_id', :'sms2'));
select tests.record_attempt(:'sms2', :'now'::timestamptz - interval '1 day' + interval '1 minute', 'touch_failed');
-- A later non-attempt event of the same touch must not move last_attempt_at.
select tests.record_event(:'a', :'lead', 'touch_scheduled', :'now'::timestamptz - interval '1 hour', 'internal', 'sms',
                          jsonb_build_object('touch_run_id', :'sms2'));

-- voice: a touch with only a touch_scheduled event.
select tests.create_touch(:'a', :'lead', :'c', 1, 'voice', 1, :'now'::timestamptz - interval '2 hours') as voice1 \gset
select tests.record_event(:'a', :'lead', 'touch_scheduled', :'now'::timestamptz - interval '2 hours', 'internal', 'voice',
                          jsonb_build_object('touch_run_id', :'voice1'));

-- email: one touch_sent only; whatsapp: one touch_failed only.
select tests.create_touch(:'a', :'lead', :'c', 1, 'email', 1, :'now'::timestamptz - interval '5 days') as email1 \gset
select tests.record_attempt(:'email1', :'now'::timestamptz - interval '5 days', 'touch_sent');
select tests.create_touch(:'a', :'lead', :'c', 1, 'whatsapp', 1, :'now'::timestamptz - interval '4 days') as wa1 \gset
select tests.record_attempt(:'wa1', :'now'::timestamptz - interval '4 days' + interval '30 seconds', 'touch_failed');

-- TEST: touch_sent and touch_failed both count, on every touch of the channel.
select results_eq(
  format($$select attempts_done from brain.lead_channel_attempts_at(%L) where lead_id = %L and channel = 'sms'$$, :'now', :'lead'),
  $$values (2::bigint)$$,
  'sms: one touch_sent and one touch_failed over two touches are 2 attempts; touch_scheduled and touch_delivered are not attempts');

-- TEST: last_attempt_at is the latest attempt, not the latest event.
select results_eq(
  format($$select last_attempt_at from brain.lead_channel_attempts_at(%L) where lead_id = %L and channel = 'sms'$$, :'now', :'lead'),
  format($$values (%L::timestamptz)$$, :'now'::timestamptz - interval '1 day' + interval '1 minute'),
  'sms: last_attempt_at is the touch_failed time, not the later touch_scheduled event');

-- TEST: a touch with only touch_scheduled has a row with no attempts.
select results_eq(
  format($$select attempts_done, last_attempt_at from brain.lead_channel_attempts_at(%L) where lead_id = %L and channel = 'voice'$$, :'now', :'lead'),
  $$values (0::bigint, null::timestamptz)$$,
  'voice: a touch with only a touch_scheduled event has 0 attempts and no last_attempt_at');

-- TEST: each of touch_sent and touch_failed alone is an attempt.
select results_eq(
  format($$select channel, attempts_done, last_attempt_at from brain.lead_channel_attempts_at(%L)
           where lead_id = %L and channel in ('email', 'whatsapp') order by channel$$, :'now', :'lead'),
  format($$values ('email'::text, 1::bigint, %L::timestamptz), ('whatsapp'::text, 1::bigint, %L::timestamptz)$$,
         :'now'::timestamptz - interval '5 days', :'now'::timestamptz - interval '4 days' + interval '30 seconds'),
  'a lone touch_sent (email) and a lone touch_failed (whatsapp) are one attempt each');

-- TEST: the rows carry the lead's account, campaign and step, one per channel.
select results_eq(
  format($$select account_id, campaign_id, step, channel from brain.lead_channel_attempts_at(%L) where lead_id = %L order by channel$$, :'now', :'lead'),
  format($$values (%1$L::uuid, %2$L::uuid, 1, 'email'::text), (%1$L::uuid, %2$L::uuid, 1, 'sms'::text),
                  (%1$L::uuid, %2$L::uuid, 1, 'voice'::text), (%1$L::uuid, %2$L::uuid, 1, 'whatsapp'::text)$$, :'a', :'c'),
  'one row per lead, campaign, step and channel, with the owning account');

select * from finish();
rollback;
