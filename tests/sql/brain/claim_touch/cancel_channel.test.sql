-- Re-checked at claim time: the channel's provider not ready (seed 000: email
-- fails closed without Elastic Email), the lead without the channel's address,
-- or no sender number: the touch is canceled.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select :'now'::timestamptz - interval '1 hour' as created \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider(:'a', 'email', 'elastic_email');
select tests.set_provider_ready('elastic_email', false);
select tests.set_provider(:'a', 'whatsapp', 'twilio');
select tests.set_provider_ready('twilio', true);
select tests.create_lead(:'a', '+13055550101', 'has@example.com') as l_email \gset
select tests.create_lead(:'a', null, 'nophone@example.com') as l_no_phone \gset
select tests.create_lead(:'a', '+13055550103') as l_whatsapp \gset

create temp table touches on commit drop as
select k, tests.create_touch(:'a', l, null, 1, ch, 1, :'created') as id
from (values ('email_not_ready', :'l_email'::uuid, 'email'), ('voice_no_phone', :'l_no_phone', 'voice'),
             ('whatsapp_no_sender', :'l_whatsapp', 'whatsapp')) x(k, l, ch);
create temp table res on commit drop as
select t.k, t.id, brain.claim_touch(t.id, null, :'now') as r from touches t;

-- TEST: outcomes.
select set_eq(
  $$select k, r->>'outcome' as outcome, r->>'reason' as reason from res$$,
  $$values ('email_not_ready', 'canceled', 'channel_not_ready'), ('voice_no_phone', 'canceled', 'unreachable'),
           ('whatsapp_no_sender', 'canceled', 'no_sender')$$,
  'elastic_email not ready: channel_not_ready; no phone for voice: unreachable; Twilio without a number: no_sender');
select is(
  (select count(*)::int from res join public.touch_runs t on t.id = res.id where t.status = 'canceled' and t.error_code = res.r->>'reason'),
  3, 'each: status canceled, error_code = reason');
select is((select count(*)::int from public.outbound_messages where account_id = :'a'), 0, 'nothing is sent');

-- TEST: once Elastic Email is ready, an email touch goes.
select tests.set_provider_ready('elastic_email', true);
select is(
  brain.claim_touch(tests.create_touch(:'a', :'l_email', null, 1, 'email', 2, :'created'), null, :'now') ->> 'outcome',
  'claimed', 'elastic_email ready: the next email touch is claimed');

select * from finish();
rollback;
