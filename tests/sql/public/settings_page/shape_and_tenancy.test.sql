-- The settings page's one read: org settings, providers in channel order and
-- masked credentials of the caller's account only.
begin;
select plan(6);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
update public.org_settings set business_name = 'Alpha Motors' where account_id = :'a';
update public.org_settings set business_name = 'Bravo Motors' where account_id = :'b';
insert into public.account_provider_settings (account_id, channel, provider, is_default, config) values
  (:'a', 'email', 'elastic_email', true, '{"daily_cap": 100}'),
  (:'a', 'sms', 'twilio', true, '{}'),
  (:'b', 'sms', 'twilio', true, '{}');
insert into public.account_provider_credentials (account_id, provider, sealed, key_id, masked) values
  (:'a', 'twilio', 'v1.0123456789abcdef.AAAA.BBBB', '0123456789abcdef', '{"auth_token": "••••abcd"}'),
  (:'b', 'twilio', 'v1.0123456789abcdef.CCCC.DDDD', '0123456789abcdef', '{"auth_token": "••••zzzz"}');

select tests.act_as('revenue_api', :'a');
select public.settings_page() as page \gset

-- TEST: the parts of the page, in order, and the org's own settings.
select results_eq(
  format($$select array_agg(k order by n) from json_object_keys(%L::json) with ordinality as t (k, n)$$, :'page'),
  $$values (array['org', 'personas', 'providers', 'credentials', 'availability', 'senders'])$$, 'the settings page''s parts, in order');
select is((:'page'::json -> 'org' ->> 'business_name'), 'Alpha Motors', 'Alpha''s org settings');
select is((:'page'::json -> 'org' ->> 'send_window_start'), '08:00', 'the send window as HH:MM');

-- TEST: providers in channel order, without secrets; credentials masked.
select is((select array_agg(p ->> 'channel') from json_array_elements(:'page'::json -> 'providers') p), array['sms', 'email'], 'providers in channel order');
select ok(not exists (select 1 from json_array_elements(:'page'::json -> 'providers') p where p::jsonb ? 'secrets'), 'no provider carries its secrets');
select is((select array_agg((c ->> 'provider') || ' ' || (c ->> 'field') || ' ' || (c ->> 'masked')) from json_array_elements(:'page'::json -> 'credentials') c),
          array['twilio auth_token ••••abcd'], 'only Alpha''s credentials, masked');

select * from finish();
rollback;
