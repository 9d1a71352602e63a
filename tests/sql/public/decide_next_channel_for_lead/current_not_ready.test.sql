-- A current channel whose provider cannot send counts as exhausted: even with
-- attempts left, decide_next_channel_for_lead switches away (current_not_ready)
-- rather than retrying or waiting on it.
begin;
select plan(4);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider(:'a', 'voice', 'twilio');
select tests.set_provider_ready('twilio', false);
select tests.create_campaign(:'a') as c \gset
select tests.create_lead(:'a', '+13055550200') as l_due \gset
select tests.create_lead(:'a', '+13055550201') as l_cooling \gset

-- l_due: voice 1/2, cooldown passed. l_cooling: voice 1/2, attempt an hour ago.
select tests.record_attempt(tests.create_touch(:'a', :'l_due', :'c', 1, 'voice', 1, :'now'::timestamptz - interval '2 days'),
                            :'now'::timestamptz - interval '2 days');
select tests.record_attempt(tests.create_touch(:'a', :'l_cooling', :'c', 1, 'voice', 1, :'now'::timestamptz - interval '1 hour'),
                            :'now'::timestamptz - interval '1 hour');

-- TEST: voice not ready with attempts left and the cooldown passed.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_due', :'c', :'now'),
  $$values ('switch_channel'::text, 'voice'::text, 'whatsapp'::text, null::timestamptz, 'current_not_ready'::text)$$,
  'voice 1/2 on a twilio that is not ready: switch_channel to whatsapp, current_not_ready');

-- TEST: voice not ready during its cooldown: switch, not wait.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_cooling', :'c', :'now'),
  $$values ('switch_channel'::text, 'voice'::text, 'whatsapp'::text, null::timestamptz, 'current_not_ready'::text)$$,
  'voice 1/2 cooling down on a twilio that is not ready: switch_channel, not wait_cooldown');

-- TEST: with twilio ready, the same leads stay on voice (control).
select tests.set_provider_ready('twilio', true);
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_due', :'c', :'now'),
  $$values ('retry_same_channel'::text, 'voice'::text, 'voice'::text, null::timestamptz, 'attempts_left'::text)$$,
  'twilio ready: retry_same_channel on voice');
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'l_cooling', :'c', :'now'),
  format($$values ('wait_cooldown'::text, 'voice'::text, 'voice'::text, %L::timestamptz, 'cooldown_active'::text)$$,
         :'now'::timestamptz - interval '1 hour' + interval '1440 minutes'),
  'twilio ready: wait_cooldown on voice');

select * from finish();
rollback;
