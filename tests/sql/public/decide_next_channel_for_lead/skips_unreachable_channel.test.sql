-- A channel for which the lead has no address (brain.lead_reachable: a phone for
-- voice, sms and whatsapp; an email for email) counts as having no attempts left.
-- Plan: order voice, email, sms; voice is used up.
begin;
select plan(3);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_lead(:'a', '+13055550190', 'reach@example.com') as with_email \gset
select tests.create_lead(:'a', '+13055550191') as no_email \gset
select tests.create_lead(:'a', null, 'nophone@example.com') as no_phone \gset

select tests.record_attempt(
  tests.create_touch(:'a', l, :'c', 1, 'voice', n, ts, tests.payload_v2('voice', array['voice', 'email', 'sms'])),
  ts + interval '1 minute')
from unnest(array[:'with_email', :'no_email']::uuid[]) as l,
     (values (1, :'now'::timestamptz - interval '2 days'), (2, :'now'::timestamptz - interval '1 day')) as v(n, ts);

-- TEST: a lead with an email switches to email (control).
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'with_email', :'c', :'now'),
  $$values ('switch_channel'::text, 'voice'::text, 'email'::text, null::timestamptz, 'current_exhausted'::text)$$,
  'lead with an email: switch_channel to email');

-- TEST: a lead without an email skips email.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'no_email', :'c', :'now'),
  $$values ('switch_channel'::text, 'voice'::text, 'sms'::text, null::timestamptz, 'current_exhausted'::text)$$,
  'lead without an email: email is skipped, switch_channel to sms');

-- TEST: a lead without a phone cannot stay on sms, even with attempts left.
select tests.create_touch(:'a', :'no_phone', :'c', 1, 'sms', 1, :'now'::timestamptz - interval '1 hour',
                          tests.payload_v2('sms', array['voice', 'email', 'sms']));
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'no_phone', :'c', :'now'),
  $$values ('switch_channel'::text, 'sms'::text, 'email'::text, null::timestamptz, 'current_unreachable'::text)$$,
  'sms touch for a lead with no phone: switch_channel to email (wrapping past voice, also phone-less)');

select * from finish();
rollback;
