-- ready_channels: an account's own stored credentials make its provider ready;
-- refused ones (verify_ok false) do not, and then the environment's keys do not
-- stand in for them; an account without stored credentials follows the environment.
begin;
select plan(8);

select tests.create_account('Keys A') as a \gset
select tests.create_account('Keys B') as b \gset
select tests.set_provider(:'a', 'sms', 'twilio');
select tests.set_provider(:'b', 'sms', 'twilio');
select tests.set_provider_ready('twilio', false);

-- TEST: no stored credentials and no environment keys: not ready (fail closed).
select is((select count(*)::int from brain.ready_channels(:'a') where channel = 'sms'), 0,
  'twilio without stored or environment keys: sms not ready');

-- TEST: stored credentials, never tested: ready for that account only.
insert into public.account_provider_credentials (account_id, provider, sealed, key_id, masked)
values (:'a', 'twilio', 'v1.0123456789abcdef.AAAA.BBBB', '0123456789abcdef', '{"auth_token": "••••abcd"}');
select results_eq(format($$select channel, provider from brain.ready_channels(%L) where channel = 'sms'$$, :'a'),
  $$values ('sms'::text, 'twilio'::text)$$, 'stored twilio credentials: sms ready for account A');
select is((select count(*)::int from brain.ready_channels(:'b') where channel = 'sms'), 0,
  'account B stored nothing and the environment has no keys: not ready');

-- TEST: verified credentials stay ready.
update public.account_provider_credentials set verified_at = now(), verify_ok = true, verify_detail = 'ok' where account_id = :'a';
select ok(brain.channel_ready(:'a', 'sms'), 'verified stored credentials: channel_ready');

-- TEST: refused credentials are not ready even when the environment has keys.
select tests.set_provider_ready('twilio', true);
update public.account_provider_credentials set verify_ok = false, verify_detail = 'Twilio refused these credentials (HTTP 401).' where account_id = :'a';
select ok(not brain.channel_ready(:'a', 'sms'), 'refused stored credentials: not ready, environment keys notwithstanding');

-- TEST: an account without stored credentials follows the environment.
select ok(brain.channel_ready(:'b', 'sms'), 'account B, environment keys ready: ready');

-- TEST: Telnyx voice needs the stored connection_id; sms does not.
select tests.set_provider(:'b', 'sms', 'telnyx');
select tests.set_provider(:'b', 'voice', 'telnyx');
select tests.set_provider_ready('telnyx', false);
insert into public.account_provider_credentials (account_id, provider, sealed, key_id, masked)
values (:'b', 'telnyx', 'v1.0123456789abcdef.AAAA.BBBB', '0123456789abcdef', '{"api_key": "••••wxyz"}');
select results_eq(format($$select channel from brain.ready_channels(%L) where provider = 'telnyx'$$, :'b'),
  $$values ('sms'::text)$$, 'telnyx key without connection_id: sms ready, voice not');
update public.account_provider_credentials set masked = masked || '{"connection_id": "••••"}' where account_id = :'b' and provider = 'telnyx';
select results_eq(format($$select channel from brain.ready_channels(%L) where provider = 'telnyx' order by channel$$, :'b'),
  $$values ('sms'::text), ('voice'::text)$$, 'with a stored connection_id: voice ready too');

select * from finish();
rollback;
