-- sender_addresses follows config.senders: a number removed from an account (or
-- the settings row deleted) is free for another account; a malformed senders
-- list claims nothing.
begin;
select plan(6);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.give_senders(:'a', '+13055550900', '+13055550901', p_channel => 'sms');

-- TEST: the addresses listed, and only those.
select results_eq(
  $$select address from public.sender_addresses order by address$$,
  $$values ('+13055550900'::text), ('+13055550901')$$,
  'both of a''s numbers are recorded');

-- TEST: a number a drops is free for b.
select tests.give_senders(:'a', '+13055550900', p_channel => 'sms');
select lives_ok(format($$select tests.give_senders(%L, '+13055550901', p_channel => 'sms')$$, :'b'),
  'b takes the number a dropped');
select results_eq(
  $$select address, account_id from public.sender_addresses order by address$$,
  format($$values ('+13055550900'::text, %L::uuid), ('+13055550901', %L::uuid)$$, :'a', :'b'),
  'each number has its owner');

-- TEST: deleting a's settings row frees its number.
delete from public.account_provider_settings where account_id = :'a' and channel = 'sms';
select is_empty(format($$select 1 from public.sender_addresses where account_id = %L$$, :'a'), 'a owns nothing once its settings are gone');

-- TEST: a senders value that is not a list, or entries without an address, claim nothing and do not fail.
select lives_ok(
  format($$insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
           values (%L, 'voice', 'sink', true, '{"senders": "+13055550900"}'),
                  (%L, 'email', 'sink', true, '{"senders": [{"persona": "initial"}, "x", {"address": ""}]}')$$, :'a', :'a'),
  'malformed senders are stored as before');
select is_empty(format($$select 1 from public.sender_addresses where account_id = %L$$, :'a'), 'and claim no address');

select * from finish();
rollback;
