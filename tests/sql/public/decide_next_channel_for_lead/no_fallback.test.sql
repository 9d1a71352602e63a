-- decide_next_channel_for_lead stops with no_fallback when the last touch's payload
-- has no routing.fallback: without a plan nothing more is scheduled.
begin;
select plan(3);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550120', 'nf@example.com') as lead \gset
select tests.create_campaign(:'a') as c \gset

-- TEST: an empty payload.
select tests.create_touch(:'a', :'lead', :'c', 1, 'sms', 1, :'now'::timestamptz - interval '2 days', '{}') as t1 \gset
select tests.record_attempt(:'t1', :'now'::timestamptz - interval '2 days', 'touch_sent');
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', :'now'),
  $$values ('stop'::text, 'sms'::text, null::text, null::timestamptz, 'no_fallback'::text)$$,
  'payload {}: stop, no_fallback, naming the touch''s channel');

-- TEST: routing without fallback.
select tests.create_touch(:'a', :'lead', :'c', 2, 'whatsapp', 1, :'now'::timestamptz - interval '2 days',
  '{"message_class": "cold_outreach",
    "routing": {"primary_channel": "whatsapp", "current_channel": "whatsapp",
                "stop_on_events": ["reply_positive"]},
    "delivery": {"body": "hola"}}') as t2 \gset
select tests.record_attempt(:'t2', :'now'::timestamptz - interval '2 days', 'touch_sent');
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 2, %L)$$, :'lead', :'c', :'now'),
  $$values ('stop'::text, 'whatsapp'::text, null::text, null::timestamptz, 'no_fallback'::text)$$,
  'routing with no fallback: stop, no_fallback');

-- TEST: the last touch decides; an earlier touch with a plan does not count.
select tests.create_touch(:'a', :'lead', :'c', 3, 'voice', 1, :'now'::timestamptz - interval '3 days');
select tests.create_touch(:'a', :'lead', :'c', 3, 'voice', 2, :'now'::timestamptz - interval '1 day', '{"routing": {"current_channel": "voice"}}');
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 3, %L)$$, :'lead', :'c', :'now'),
  $$values ('stop'::text, 'voice'::text, null::text, null::timestamptz, 'no_fallback'::text)$$,
  'the last touch has no fallback: no_fallback even though an earlier touch had one');

select * from finish();
rollback;
