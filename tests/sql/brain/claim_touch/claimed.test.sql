-- A due touch that may go is claimed: status sending, one outbound_messages row
-- keyed by brain.send_key, and everything the driver needs in the result.
begin;
select plan(9);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
update public.org_settings set business_name = 'Level 5', contact_email = 'hello@dealer.example' where account_id = :'a';
update public.account_provider_settings set config = '{"senders": [{"address": "+13055550999", "persona": "initial"}]}'
where account_id = :'a' and channel = 'sms';
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset
update public.leads set first_name = 'Ana' where id = :'l';
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz - interval '1 hour', p_status => 'completed');

select jsonb_set(tests.payload_v2('sms'), '{delivery}',
  '{"body": "Hi {{first_name}}, {{ business_name }} here{{city|}}", "subject": "Hello {{first_name}}", "variables": {"first_name": "Ana", "business_name": "Level 5"}}') as payload \gset
select tests.create_touch(:'a', :'l', :'c', 1, 'sms', 1, :'now'::timestamptz - interval '1 hour', :'payload') as t \gset
select tests.create_touch(:'a', :'l', :'c', 1, 'email', 1, :'now'::timestamptz - interval '1 hour',
                          jsonb_set(:'payload'::jsonb, '{routing,current_channel}', '"email"')) as t_email \gset

create temp table res on commit drop as
select 'sms' as k, brain.claim_touch(:'t', 'worker-1', :'now') as r
union all
select 'email', brain.claim_touch(:'t_email', 'worker-1', :'now');

-- TEST: the outcome.
select is((select r->>'outcome' from res where k = 'sms'), 'claimed', 'the touch is claimed');
select is((select (r->>'not_before')::timestamptz from res where k = 'sms'), :'now'::timestamptz, 'not_before = p_now (the sender is free)');

-- TEST: the send.
select is(
  (select (r->'send') - array['provider_config', 'template_variables', 'template_name', 'in_customer_service_window', 'persona', 'country', 'subject'] from res where k = 'sms'),
  jsonb_build_object('touch_run_id', :'t', 'send_key', brain.send_key(:'l', :'c', 1, 'sms', 1), 'account_id', :'a', 'lead_id', :'l',
                     'campaign_id', :'c', 'step', 1, 'attempt', 1, 'channel', 'sms', 'provider', 'sink',
                     'to', '+13055550101', 'from', '+13055550999', 'body', 'Hi Ana, Level 5 here'),
  'send: to the lead''s phone, from the persona''s number, body rendered with the variables, channel, provider, send_key');
select is(
  (select jsonb_build_object('channel', r->'send'->>'channel', 'to', r->'send'->>'to', 'from', r->'send'->>'from', 'subject', r->'send'->>'subject')
   from res where k = 'email'),
  '{"channel": "email", "to": "ana@example.com", "from": "hello@dealer.example", "subject": "Hello Ana"}'::jsonb,
  'email: to the lead''s email, from the account''s contact email, subject rendered');

-- TEST: the touch.
select results_eq(
  format($$select status, send_key, claimed_at, provider from public.touch_runs where id = %L$$, :'t'),
  format($$values ('sending'::text, %L::text, %L::timestamptz, 'sink'::text)$$, brain.send_key(:'l', :'c', 1, 'sms', 1), :'now'),
  'touch: sending, send_key set, claimed_at = p_now, provider');

-- TEST: the outbound message.
select results_eq(
  format($$select touch_run_id, campaign_id, channel::text, status, provider, to_address, from_address, body from public.outbound_messages where send_key = %L$$,
         brain.send_key(:'l', :'c', 1, 'sms', 1)),
  format($$values (%L::uuid, %L::uuid, 'sms'::text, 'pending'::text, 'sink'::text, '+13055550101'::text, '+13055550999'::text, 'Hi Ana, Level 5 here'::text)$$, :'t', :'c'),
  'outbound_messages: one pending row for the intent, with addresses and the rendered body');
select results_eq(
  format($$select to_address, from_address, body from public.outbound_messages where touch_run_id = %L$$, :'t_email'),
  $$values ('ana@example.com'::text, 'hello@dealer.example'::text, 'Hi Ana, Level 5 here'::text)$$,
  'the email''s outbound row: addresses and rendered body');
select is((select count(*)::int from public.outbound_messages where lead_id = :'l'), 2, 'one outbound row per claimed touch');

-- TEST: no job is added by the claim.
select is((select count(*)::int from tests.dispatch_jobs(:'t')), 1, 'the touch still has its one dispatch job');

select * from finish();
rollback;
