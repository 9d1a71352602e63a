-- When the current channel has used its max_attempts, decide_next_channel_for_lead
-- switches to the next channel of fallback.order that has attempts left;
-- wait_until is set only when that channel is itself cooling down.
begin;
select plan(4);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_lead(:'a', '+13055550170', 'sw1@example.com') as l_next \gset
select tests.create_lead(:'a', '+13055550171', 'sw2@example.com') as l_skip \gset
select tests.create_lead(:'a', '+13055550172', 'sw3@example.com') as l_cool \gset

-- l_next: voice 2/2 (the second attempt failed an hour ago, its cooldown still running).
select tests.record_attempt(
  tests.create_touch(:'a', :'l_next', :'c', 1, 'voice', n, ts), ts + interval '1 minute', ev)
from (values (1, :'now'::timestamptz - interval '2 days', 'touch_sent'),
             (2, :'now'::timestamptz - interval '61 minutes', 'touch_failed')) as v(n, ts, ev);

-- TEST: voice exhausted: switch to whatsapp, next in the order, at once.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_next', :'c', :'now'),
  $$values ('switch_channel'::text, 'voice'::text, 'whatsapp'::text, null::timestamptz, 'current_exhausted'::text)$$,
  'voice 2/2: switch_channel to whatsapp, no wait (voice''s own cooldown does not matter)');

-- TEST: with one attempt of voice, it is not exhausted (control).
select results_eq(
  format($$select decision, next_channel from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$,
         :'l_next', :'c', :'now'::timestamptz - interval '61 minutes'),
  $$values ('retry_same_channel'::text, 'voice'::text)$$,
  'before the second voice attempt: retry_same_channel on voice');

-- l_skip: voice 2/2, whatsapp 3/3 (earlier rotation); the last touch is voice.
select tests.record_attempt(
  tests.create_touch(:'a', :'l_skip', :'c', 1, ch, n, ts), ts + interval '1 minute')
from (values ('whatsapp', 1, :'now'::timestamptz - interval '6 days'),
             ('whatsapp', 2, :'now'::timestamptz - interval '5 days'),
             ('whatsapp', 3, :'now'::timestamptz - interval '4 days'),
             ('voice', 1, :'now'::timestamptz - interval '3 days'),
             ('voice', 2, :'now'::timestamptz - interval '2 days')) as v(ch, n, ts);

-- TEST: an exhausted next channel is passed over.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_skip', :'c', :'now'),
  $$values ('switch_channel'::text, 'voice'::text, 'sms'::text, null::timestamptz, 'current_exhausted'::text)$$,
  'voice 2/2 and whatsapp 3/3: switch_channel to sms');

-- l_cool: sms 1/2 two hours ago; then whatsapp 3/3, the last touch.
select tests.record_attempt(
  tests.create_touch(:'a', :'l_cool', :'c', 1, ch, n, ts), ts)
from (values ('sms', 1, :'now'::timestamptz - interval '2 hours'),
             ('whatsapp', 1, :'now'::timestamptz - interval '100 minutes'),
             ('whatsapp', 2, :'now'::timestamptz - interval '90 minutes'),
             ('whatsapp', 3, :'now'::timestamptz - interval '80 minutes')) as v(ch, n, ts);

-- TEST: the next channel is cooling down: switch, wait_until its cooldown's end.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_cool', :'c', :'now'),
  format($$values ('switch_channel'::text, 'whatsapp'::text, 'sms'::text, %L::timestamptz, 'current_exhausted'::text)$$,
         :'now'::timestamptz - interval '2 hours' + interval '720 minutes'),
  'whatsapp 3/3, sms 1/2 two hours ago: switch_channel to sms, wait_until sms''s last attempt + 720 min');

select * from finish();
rollback;
