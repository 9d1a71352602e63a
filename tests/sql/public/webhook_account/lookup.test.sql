-- public.webhook_account names the account a webhook concerns before its
-- signature is checked: by touch, by the provider's message id, by slug, by our
-- number; conflict when the touch and the message disagree; and whether that
-- account has stored credentials (when, never what).
begin;
select plan(11);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select slug as a_slug from public.accounts where id = :'a' \gset
select tests.give_sms_senders(:'a', '+13055550900');
select tests.give_sms_senders(:'b', '+12135550900');
select tests.create_lead(:'a', p_phone => '+13055551111') as a_lead \gset
select tests.create_lead(:'b', p_phone => '+12135551111') as b_lead \gset

-- One sent twilio SMS per account.
insert into public.touch_runs (id, account_id, lead_id, step, channel, attempt, status, scheduled_at, send_key, provider,
                               provider_message_id, sent_at, payload)
values ('00000000-0000-4000-8000-00000000000a', :'a', :'a_lead', 1, 'sms', 1, 'sent', now(), brain.send_key(:'a_lead', null, 1, 'sms', 1), 'twilio', 'SMaaaa', now(), '{}'),
       ('00000000-0000-4000-8000-00000000000b', :'b', :'b_lead', 1, 'sms', 1, 'sent', now(), brain.send_key(:'b_lead', null, 1, 'sms', 1), 'twilio', 'SMbbbb', now(), '{}');
insert into public.outbound_messages (account_id, lead_id, touch_run_id, channel, send_key, provider, provider_message_id, status, to_address, sent_at)
select account_id, lead_id, id, channel, send_key, provider, provider_message_id, 'sent', '+1', now() from public.touch_runs
where id in ('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b');

-- B has stored Twilio credentials (the sealed text is opaque here).
insert into public.account_provider_credentials (account_id, provider, sealed, key_id)
values (:'b', 'twilio', 'v1.0123456789abcdef.AAAA.BBBB', '0123456789abcdef');

-- TEST: each way of finding the account.
select results_eq(
  $$select account_id, found_by, credentials_updated_at is not null from public.webhook_account('twilio', p_address => ' +13055550900')$$,
  format($$values (%L::uuid, 'address'::text, false)$$, :'a'),
  'by our number: a, without stored credentials');
select results_eq(
  $$select account_id, found_by, credentials_updated_at is not null from public.webhook_account('twilio', p_provider_message_id => 'SMbbbb')$$,
  format($$values (%L::uuid, 'message'::text, true)$$, :'b'),
  'by the provider''s message id: b, with stored credentials');
select results_eq(
  $$select account_id, found_by from public.webhook_account('twilio', '00000000-0000-4000-8000-00000000000a')$$,
  format($$values (%L::uuid, 'touch'::text)$$, :'a'),
  'by the touch: a');
select results_eq(
  format($$select account_id, found_by from public.webhook_account('calendly', p_account_slug => %L)$$, :'a_slug'),
  format($$values (%L::uuid, 'slug'::text)$$, :'a'),
  'by the slug: a');

-- TEST: the message and the touch outrank the number; a message id of another provider is not ours.
select results_eq(
  $$select account_id, found_by from public.webhook_account('twilio', p_provider_message_id => 'SMbbbb', p_address => '+13055550900')$$,
  format($$values (%L::uuid, 'message'::text)$$, :'b'),
  'the message''s account, not the number''s');
select results_eq(
  $$select account_id, found_by from public.webhook_account('telnyx', p_provider_message_id => 'SMbbbb')$$,
  $$values (null::uuid, 'none'::text)$$,
  'a twilio message id names nothing for telnyx');

-- TEST: a touch of a with a message of b: no account.
select results_eq(
  $$select account_id, found_by from public.webhook_account('twilio', '00000000-0000-4000-8000-00000000000a', 'SMbbbb')$$,
  $$values (null::uuid, 'conflict'::text)$$,
  'a touch and a message of different accounts: conflict');

-- TEST: unknown everything.
select results_eq(
  $$select account_id, found_by, credentials_updated_at from public.webhook_account('twilio', gen_random_uuid(), 'SMzzzz', '+14155550100', null)$$,
  $$values (null::uuid, 'none'::text, null::timestamptz)$$,
  'nothing known: no account');
select throws_ok($$select * from public.webhook_account('sink')$$, '22023', 'invalid_argument', 'an unknown provider is refused');

-- TEST: it returns no secret, runs for the worker and not for the API.
select is_empty(
  $$select 1 from public.webhook_account('twilio', p_provider_message_id => 'SMbbbb') r where r::text like '%v1.%'$$,
  'no sealed text in the answer');
select ok(not has_function_privilege('revenue_api', 'public.webhook_account(text, uuid, text, text, text)', 'execute')
          and has_function_privilege('revenue_worker', 'public.webhook_account(text, uuid, text, text, text)', 'execute'),
  'the worker may call it, the API may not');

select * from finish();
rollback;
