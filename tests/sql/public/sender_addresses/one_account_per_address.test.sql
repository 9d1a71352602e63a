-- A sender number belongs to one account: listing another account's number is
-- refused (23505, the number named), whatever role saves the settings; one account
-- may list its number on several channels.
begin;
select plan(8);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.give_senders(:'a', '+13055550900', '+13055550901', p_channel => 'sms');

-- TEST: the same account, the same number on voice and whatsapp too: allowed, one row.
select lives_ok(
  format($$select tests.give_senders(%L, '+13055550900', p_channel => 'voice'), tests.give_senders(%L, '+13055550900', p_channel => 'whatsapp')$$, :'a', :'a'),
  'an account lists its number on sms, voice and whatsapp');
select results_eq(
  $$select account_id, channels::text[] from public.sender_addresses where address = '+13055550900'$$,
  format($$values (%L::uuid, array['sms', 'voice', 'whatsapp'])$$, :'a'),
  'one row for the number, with the channels listing it (in the channel enum''s order)');

-- TEST: another account listing it is refused with 23505 and the number.
select throws_ok(
  format($$select tests.give_senders(%L, '+13055550900', p_channel => 'sms')$$, :'b'),
  '23505', '+13055550900 is already a sender of another account',
  'account b cannot list account a''s number');
select is(
  (tests.error_of(format($$insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
                           values (%L, 'voice', 'twilio', false, '{"senders": [{"address": " +13055550901 ", "persona": "nudge"}]}')$$, :'b'))
   ->> 'detail'),
  '+13055550901 is already a sender of another account: a number or address can belong to one account only.',
  'also on another channel and provider, and with spaces around it; the detail says why');

-- TEST: through the API role (row-level security hides a's row from b) it is refused just the same.
select tests.act_as('revenue_api', :'b');
select throws_ok(
  format($$insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
           values (%L, 'sms', 'telnyx', true, '{"senders": [{"address": "+13055550900"}]}')$$, :'b'),
  '23505', '+13055550900 is already a sender of another account',
  'the API role of account b is refused too');
select is_empty($$select * from public.sender_addresses where address = '+13055550900'$$,
  'and it cannot see whose number it is');
reset role;

-- TEST: nothing of b's was stored.
select is((select count(*)::int from public.sender_addresses where account_id = :'b'), 0, 'account b owns no address');
select is((select count(*)::int from public.account_provider_settings where account_id = :'b'), 0, 'account b has no provider settings');

select * from finish();
rollback;
