-- decide_next_channel_for_lead stops with all_channels_exhausted when no channel of
-- fallback.order has attempts left; a channel that cannot be used (provider not
-- ready, no address) counts as having none.
begin;
select plan(3);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_lead(:'a', '+13055550150', 'ex@example.com') as lead \gset
select tests.create_lead(:'a', '+13055550151') as no_email \gset

-- lead: every channel used up (voice 2, whatsapp 3, sms 2, email 3), oldest first,
-- each attempt a day apart; the last touch is email attempt 3.
select tests.record_attempt(
  tests.create_touch(:'a', :'lead', :'c', 1, ch, n, :'now'::timestamptz - make_interval(days => d)),
  :'now'::timestamptz - make_interval(days => d) + interval '1 minute',
  case when n = 1 then 'touch_failed' else 'touch_sent' end)
from (values ('voice', 1, 10), ('voice', 2, 9),
             ('whatsapp', 1, 8), ('whatsapp', 2, 7), ('whatsapp', 3, 6),
             ('sms', 1, 5), ('sms', 2, 4),
             ('email', 1, 3), ('email', 2, 2), ('email', 3, 1)) as v(ch, n, d);

-- TEST: everything exhausted.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', :'now'),
  $$values ('stop'::text, 'email'::text, null::text, null::timestamptz, 'all_channels_exhausted'::text)$$,
  'voice 2/2, whatsapp 3/3, sms 2/2, email 3/3: stop, all_channels_exhausted');

-- TEST: one attempt short, it is not exhausted (control).
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$,
         :'lead', :'c', :'now'::timestamptz - interval '1 day' + interval '30 seconds'),
  format($$values ('wait_cooldown'::text, 'email'::text, 'email'::text, %L::timestamptz, 'cooldown_active'::text)$$,
         :'now'::timestamptz - interval '1 day' + interval '1 minute'),
  'just before email''s third attempt is recorded, email still waits for its cooldown: not exhausted');

-- no_email: voice and sms used up; whatsapp has attempts left but its provider is
-- not ready; email has attempts left but the lead has no email address.
select tests.set_provider(:'a', 'whatsapp', 'twilio');
select tests.set_provider_ready('twilio', false);
select tests.record_attempt(
  tests.create_touch(:'a', :'no_email', :'c', 1, ch, n, :'now'::timestamptz - make_interval(days => d)),
  :'now'::timestamptz - make_interval(days => d) + interval '1 minute')
from (values ('voice', 1, 4), ('voice', 2, 3), ('sms', 1, 2), ('sms', 2, 1)) as v(ch, n, d);

-- TEST: channels that cannot be used leave nothing to switch to.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'no_email', :'c', :'now'),
  $$values ('stop'::text, 'sms'::text, null::text, null::timestamptz, 'all_channels_exhausted'::text)$$,
  'voice and sms used up, whatsapp not ready, no email address: stop, all_channels_exhausted');

select * from finish();
rollback;
