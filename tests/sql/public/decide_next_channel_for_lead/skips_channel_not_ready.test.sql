-- A channel whose provider cannot send (brain.channel_ready) counts as having no
-- attempts left: decide_next_channel_for_lead never switches to it.
-- Plan: order voice, email, sms; voice is used up.
begin;
select plan(6);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_lead(:'a', '+13055550180', 'ready@example.com') as lead \gset

select tests.record_attempt(
  tests.create_touch(:'a', :'lead', :'c', 1, 'voice', n, ts,
                     tests.payload_v2('voice', array['voice', 'email', 'sms'])),
  ts + interval '1 minute')
from (values (1, :'now'::timestamptz - interval '2 days'), (2, :'now'::timestamptz - interval '1 day')) as v(n, ts);

-- TEST: email on the sink provider is ready (control).
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', :'now'),
  $$values ('switch_channel'::text, 'voice'::text, 'email'::text, null::timestamptz, 'current_exhausted'::text)$$,
  'email on sink: switch_channel to email');

-- TEST: email's default provider is elastic_email and provider_readiness says not ready.
select tests.set_provider(:'a', 'email', 'elastic_email');
select tests.set_provider_ready('elastic_email', false);
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', :'now'),
  $$values ('switch_channel'::text, 'voice'::text, 'sms'::text, null::timestamptz, 'current_exhausted'::text)$$,
  'elastic_email not ready: email is skipped, switch_channel to sms');

-- TEST: once elastic_email is ready, email is chosen again.
select tests.set_provider_ready('elastic_email', true);
select results_eq(
  format($$select next_channel from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', :'now'),
  $$values ('email'::text)$$,
  'elastic_email ready: next_channel email');

-- TEST: no readiness row at all for elastic_email: not ready (fail closed).
delete from public.provider_readiness where provider = 'elastic_email';
select results_eq(
  format($$select next_channel from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', :'now'),
  $$values ('sms'::text)$$,
  'elastic_email never reported: email is skipped, next_channel sms');

-- TEST: no default provider for email: not ready.
delete from public.account_provider_settings where account_id = :'a' and channel = 'email';
select results_eq(
  format($$select next_channel from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', :'now'),
  $$values ('sms'::text)$$,
  'no email provider for the account: email is skipped, next_channel sms');

-- TEST: a sink provider that is not the default does not make email ready.
insert into public.account_provider_settings (account_id, channel, provider, is_default) values (:'a', 'email', 'sink', false);
select results_eq(
  format($$select next_channel from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'lead', :'c', :'now'),
  $$values ('sms'::text)$$,
  'email provider present but not default: email is skipped, next_channel sms');

select * from finish();
rollback;
