-- The next channel is looked for after the current one in fallback.order first,
-- then from the start of the order (wrapping), skipping exhausted channels.
-- Order: voice (2), whatsapp (3), sms (2), email (3).
begin;
select plan(3);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_lead(:'a', '+13055550210', 'wrap1@example.com') as l_wrap \gset
select tests.create_lead(:'a', '+13055550211', 'wrap2@example.com') as l_later_first \gset
select tests.create_lead(:'a', '+13055550212', 'wrap3@example.com') as l_first \gset

-- l_wrap: voice 2/2, whatsapp 1/3, sms 2/2, email 3/3; the last touch is email.
select tests.record_attempt(
  tests.create_touch(:'a', :'l_wrap', :'c', 1, ch, n, :'now'::timestamptz - make_interval(days => d)),
  :'now'::timestamptz - make_interval(days => d))
from (values ('voice', 1, 9), ('voice', 2, 8), ('whatsapp', 1, 7), ('sms', 1, 6), ('sms', 2, 5),
             ('email', 1, 4), ('email', 2, 3), ('email', 3, 2)) as v(ch, n, d);

-- TEST: from the last channel, wrap to the first earlier one with attempts left.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_wrap', :'c', :'now'),
  $$values ('switch_channel'::text, 'email'::text, 'whatsapp'::text, null::timestamptz, 'current_exhausted'::text)$$,
  'email 3/3 (last), voice and sms used up, whatsapp 1/3: wraps to whatsapp');

-- l_later_first: voice 1/2, whatsapp 3/3 (the last touch), sms and email untried.
select tests.record_attempt(
  tests.create_touch(:'a', :'l_later_first', :'c', 1, ch, n, :'now'::timestamptz - make_interval(days => d)),
  :'now'::timestamptz - make_interval(days => d))
from (values ('voice', 1, 5), ('whatsapp', 1, 4), ('whatsapp', 2, 3), ('whatsapp', 3, 2)) as v(ch, n, d);

-- TEST: a later channel comes before an earlier one with attempts left.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_later_first', :'c', :'now'),
  $$values ('switch_channel'::text, 'whatsapp'::text, 'sms'::text, null::timestamptz, 'current_exhausted'::text)$$,
  'whatsapp 3/3 with voice 1/2 and sms untried: sms (after whatsapp) before voice');

-- l_first: whatsapp, sms and email used up after voice 1/2; the last touch is email.
select tests.record_attempt(
  tests.create_touch(:'a', :'l_first', :'c', 1, ch, n, :'now'::timestamptz - make_interval(days => d)),
  :'now'::timestamptz - make_interval(days => d))
from (values ('voice', 1, 10), ('whatsapp', 1, 9), ('whatsapp', 2, 8), ('whatsapp', 3, 7), ('sms', 1, 6), ('sms', 2, 5),
             ('email', 1, 4), ('email', 2, 3), ('email', 3, 2)) as v(ch, n, d);

-- TEST: wrapping reaches the very first channel of the order.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_first', :'c', :'now'),
  $$values ('switch_channel'::text, 'email'::text, 'voice'::text, null::timestamptz, 'current_exhausted'::text)$$,
  'everything but voice (1/2) used up, the last touch on email: wraps to voice');

select * from finish();
rollback;
