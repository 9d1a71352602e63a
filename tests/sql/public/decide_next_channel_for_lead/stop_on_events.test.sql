-- decide_next_channel_for_lead stops with stop_event:<type> when one of the last
-- touch's routing.stop_on_events was recorded for the lead after the touch was
-- created (and by p_now). Earlier events, and event types not in the list, do not stop.
begin;
select plan(8);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_lead(:'a', '+13055550140') as l_reply \gset
select tests.create_lead(:'a', '+13055550141') as l_dnc \gset
select tests.create_lead(:'a', '+13055550142') as l_before \gset
select tests.create_lead(:'a', '+13055550143') as l_other_type \gset
select tests.create_lead(:'a', '+13055550144') as l_later \gset
select tests.create_lead(:'a', '+13055550145') as l_same_time \gset
select tests.create_lead(:'a', '+13055550146') as l_custom \gset

-- Every lead: a voice touch two days ago, sent (1 of 2, cooldown passed: retry is due).
select tests.record_attempt(
  tests.create_touch(:'a', l, :'c', 1, 'voice', 1, :'now'::timestamptz - interval '2 days',
                     case when l = :'l_custom'::uuid
                          then tests.payload_v2('voice', p_stop_on_events => array['reply_negative'])
                          else tests.payload_v2('voice') end),
  :'now'::timestamptz - interval '2 days' + interval '1 minute')
from unnest(array[:'l_reply', :'l_dnc', :'l_before', :'l_other_type', :'l_later', :'l_same_time', :'l_custom']::uuid[]) as l;

select tests.record_event(:'a', :'l_reply', 'reply_positive', :'now'::timestamptz - interval '1 hour', 'inbound', 'sms');
select tests.record_event(:'a', :'l_dnc', 'do_not_contact', :'now'::timestamptz - interval '1 day', 'inbound', 'sms');
select tests.record_event(:'a', :'l_before', 'reply_positive', :'now'::timestamptz - interval '3 days', 'inbound', 'sms');
select tests.record_event(:'a', :'l_other_type', 'reply_negative', :'now'::timestamptz - interval '1 hour', 'inbound', 'sms');
select tests.record_event(:'a', :'l_later', 'appointment_booked', :'now'::timestamptz + interval '1 minute', 'inbound', 'sms');
select tests.record_event(:'a', :'l_same_time', 'reply_positive', :'now'::timestamptz - interval '2 days', 'inbound', 'sms');
select tests.record_event(:'a', :'l_custom', 'reply_positive', :'now'::timestamptz - interval '1 hour', 'inbound', 'sms');

-- TEST: an event of the list after the touch stops, naming its type.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_reply', :'c', :'now'),
  $$values ('stop'::text, 'voice'::text, null::text, null::timestamptz, 'stop_event:reply_positive'::text)$$,
  'reply_positive after the touch: stop, stop_event:reply_positive');
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_dnc', :'c', :'now'),
  $$values ('stop'::text, 'voice'::text, null::text, null::timestamptz, 'stop_event:do_not_contact'::text)$$,
  'do_not_contact after the touch: stop, stop_event:do_not_contact');

-- TEST: an event of the list recorded before the touch is ignored.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_before', :'c', :'now'),
  $$values ('retry_same_channel'::text, 'voice'::text, 'voice'::text, null::timestamptz, 'attempts_left'::text)$$,
  'reply_positive a day before the touch: ignored, retry_same_channel');

-- TEST: an event recorded at the very instant the touch was created is not after it.
select results_eq(
  format($$select decision, reason from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_same_time', :'c', :'now'),
  $$values ('retry_same_channel'::text, 'attempts_left'::text)$$,
  'reply_positive at the touch''s created_at: not after it, ignored');

-- TEST: an event type that is not in stop_on_events is ignored.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_other_type', :'c', :'now'),
  $$values ('retry_same_channel'::text, 'voice'::text, 'voice'::text, null::timestamptz, 'attempts_left'::text)$$,
  'reply_negative (not in the list) after the touch: ignored, retry_same_channel');

-- TEST: an event after p_now has not happened yet; once p_now passes it, it stops.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)
           union all select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$,
         :'l_later', :'c', :'now', :'l_later', :'c', :'now'::timestamptz + interval '1 minute'),
  $$values ('retry_same_channel'::text, 'voice'::text, 'voice'::text, null::timestamptz, 'attempts_left'::text),
           ('stop'::text, 'voice'::text, null::text, null::timestamptz, 'stop_event:appointment_booked'::text)$$,
  'appointment_booked a minute after p_now: ignored at p_now, stop_event:appointment_booked a minute later');

-- TEST: the list comes from the touch's payload.
select results_eq(
  format($$select decision, reason from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_custom', :'c', :'now'),
  $$values ('retry_same_channel'::text, 'attempts_left'::text)$$,
  'stop_on_events [reply_negative]: a reply_positive does not stop');
select tests.record_event(:'a', :'l_custom', 'reply_negative', :'now'::timestamptz - interval '30 minutes', 'inbound', 'sms');
select results_eq(
  format($$select decision, reason from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_custom', :'c', :'now'),
  $$values ('stop'::text, 'stop_event:reply_negative'::text)$$,
  'stop_on_events [reply_negative]: a reply_negative stops');

select * from finish();
rollback;
