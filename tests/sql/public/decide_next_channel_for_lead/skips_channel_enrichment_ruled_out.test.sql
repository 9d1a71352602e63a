-- Issue 19: the fallback matrix uses the one reachability rule (brain.address_problem):
-- a channel that enrichment ruled out (an invalid number, a landline for texts, a
-- hard-bounced email) counts as having no attempts left, and the lead's other channels go on.
-- Plan: order sms, voice, email.
begin;
select plan(3);

\set now '2026-03-10 15:00:00+00'
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_lead(:'a', '+13055550190', 'bad-phone@example.com') as bad_phone \gset
select tests.enriched(:'bad_phone', 'invalid', p_email_status => 'valid');
select tests.create_lead(:'a', '+13055550191', 'land@example.com') as land \gset
select tests.enriched(:'land', 'valid', 'landline', 'valid');
select tests.create_lead(:'a', '+13055550192', 'bounced@example.com') as bounced \gset
select tests.enriched(:'bounced', 'valid', 'mobile', 'hard_bounced');

select tests.create_touch(:'a', l, :'c', 1, 'sms', 1, :'now'::timestamptz - interval '1 hour',
                          tests.payload_v2('sms', array['sms', 'voice', 'email']))
from unnest(array[:'bad_phone', :'land']::uuid[]) l;

-- TEST: an invalid number: sms and voice are skipped, email goes.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'bad_phone', :'c', :'now'),
  $$values ('switch_channel'::text, 'sms'::text, 'email'::text, null::timestamptz, 'current_unreachable'::text)$$,
  'invalid number: switch_channel to email, past voice');

-- TEST: a landline: no more texts, but a call.
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'land', :'c', :'now'),
  $$values ('switch_channel'::text, 'sms'::text, 'voice'::text, null::timestamptz, 'current_unreachable'::text)$$,
  'landline: switch_channel to voice');

-- TEST: a hard-bounced email cannot stay on email, even with attempts left: the call goes on.
select tests.create_touch(:'a', :'bounced', :'c', 1, 'email', 1, :'now'::timestamptz - interval '1 hour',
                          tests.payload_v2('email', array['email', 'voice']));
select results_eq(
  format($$select * from public.decide_next_channel_for_lead(%L, %L, 1, %L)$$, :'bounced', :'c', :'now'),
  $$values ('switch_channel'::text, 'email'::text, 'voice'::text, null::timestamptz, 'current_unreachable'::text)$$,
  'hard-bounced email: switch_channel to voice');

select * from finish();
rollback;
