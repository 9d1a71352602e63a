-- account_provider_settings: one default provider per channel; known providers only.
begin;
select plan(3);

select tests.create_account() as a \gset

select lives_ok(
  format($$insert into public.account_provider_settings (account_id, channel, provider, is_default) values (%L, 'sms', 'twilio', true), (%L, 'sms', 'telnyx', false)$$, :'a', :'a'),
  'one default and one alternative provider');
select throws_ok(
  format($$update public.account_provider_settings set is_default = true where account_id = %L and provider = 'telnyx'$$, :'a'),
  '23505', 'duplicate key value violates unique constraint "account_provider_settings_one_default_idx"',
  'two defaults for one channel are refused');
select throws_ok(
  format($$insert into public.account_provider_settings (account_id, channel, provider) values (%L, 'email', 'sendgrid')$$, :'a'),
  '23514', 'new row for relation "account_provider_settings" violates check constraint "account_provider_settings_provider_check"',
  'unknown providers are refused');

select * from finish();
rollback;
