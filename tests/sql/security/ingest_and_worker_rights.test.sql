-- The webhooks' role, revenue_ingest, records a provider's message through the ingest
-- functions and can read nothing else; revenue_worker, which the background jobs use,
-- no longer reads password hashes, sessions, login attempts or API token hashes (and
-- reads sealed provider credentials only through public.provider_credentials_sealed).
begin;
select plan(22);

select tests.create_account('Acme') as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
insert into public.account_provider_credentials (account_id, provider, sealed, key_id)
values (:'a', 'twilio', 'v1.0123456789abcdef.d3JhcHBlZA.Y2lwaGVydGV4dA', '0123456789abcdef');
select tests.create_lead(:'a', '+13055550101') as lead_a \gset
select tests.create_user(:'a', 'owner') as user_a \gset
update public.users set password_hash = 'scrypt$not-a-real-hash' where id = :'user_a';
update public.org_settings set business_name = 'Acme Motors' where account_id = :'a';
insert into public.account_api_tokens (account_id, name, token_hash) values (:'a', 'crm', repeat('ab', 32));

-- TEST: revenue_ingest calls the ingest functions.
set local role revenue_ingest;
select is(public.ingest_inbound_message('twilio', 'SM-ingest-1', 'sms', '+13055550101', '+13055550900', 'Is it still available?') ->> 'outcome',
  'recorded', 'revenue_ingest records an inbound message');
select is(public.ingest_message_status('twilio', 'status-1', 'SM-unknown', null, 'delivered', 'delivered', null) ->> 'outcome',
  'unknown_message', 'revenue_ingest calls ingest_message_status');
select is(public.voice_call_context(null, 'twilio', 'CA-unknown') ->> 'outcome', 'unknown_call', 'revenue_ingest calls voice_call_context');

-- TEST: and the two lookups of the routes, nothing more.
select is((select count(*)::int from public.accounts where slug = (select slug from public.accounts where id = :'a')), 1,
  'revenue_ingest finds an account by slug');
select is((select business_name from public.org_settings where account_id = :'a'), 'Acme Motors',
  'revenue_ingest reads a business name');
select throws_ok('select name from public.accounts', '42501', null, 'revenue_ingest reads no other account column');
select throws_ok('select * from public.org_settings', '42501', null, 'revenue_ingest reads no other org_settings column');
select throws_ok('select count(*) from public.leads', '42501', null, 'revenue_ingest cannot read leads');
select throws_ok('select count(*) from public.inbound_messages', '42501', null, 'revenue_ingest cannot read messages');
select throws_ok('select count(*) from public.users', '42501', null, 'revenue_ingest cannot read users');
select throws_ok($$select sealed from public.account_provider_credentials$$, '42501', null,
  'revenue_ingest cannot read the credentials table');
select lives_ok($$select * from public.provider_credentials_sealed(gen_random_uuid(), 'twilio')$$,
  'revenue_ingest reads one account''s sealed credentials through the one function (webhook signatures), still sealed');
select throws_ok(format($$select public.find_or_create_lead(%L, '{"phone": "+13055550111"}')$$, :'a'), '42501', null,
  'revenue_ingest cannot call find_or_create_lead');
select throws_ok($$select brain.classify_keyword('stop')$$, '42501', null, 'revenue_ingest has no use of the brain schema');
reset role;
select is((select count(*)::int from public.inbound_messages where account_id = :'a'), 1, 'the message was recorded');

-- TEST: revenue_worker reads what its jobs need, and no secret.
set local role revenue_worker;
select isnt((select email::text || coalesce(display_name, '') from public.users where id = :'user_a'), null, 'the worker reads a user''s email and name');
select throws_ok('select password_hash from public.users', '42501', null, 'the worker cannot read password hashes');
select throws_ok('select count(*) from public.user_sessions', '42501', null, 'the worker cannot read sessions');
select throws_ok('select count(*) from public.login_attempts', '42501', null, 'the worker cannot read login attempts');
select throws_ok('select token_hash from public.account_api_tokens', '42501', null, 'the worker cannot read API token hashes');
select throws_ok('select sealed from public.account_provider_credentials', '42501', null, 'the worker cannot read sealed credentials directly');
select is((select count(*)::int from public.account_provider_settings where account_id = :'a' and config ? 'senders'), 1,
  'the worker reads provider settings without their secrets');
reset role;

select * from finish();
rollback;
