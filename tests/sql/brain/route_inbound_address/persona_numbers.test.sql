-- Seed 004 Part 7: each persona has its own number; the number a lead wrote to
-- names the account, the persona and the provider.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.set_all_providers(:'a');
select tests.set_all_providers(:'b');
select tests.give_sms_senders(:'a', '+13055550900', '+13055550901', '+13055550902');
select tests.give_sms_senders(:'b', '+12135550900');
-- A sender listed without a persona speaks for the initial persona.
update public.account_provider_settings
set config = jsonb_set(config, '{senders}', config->'senders' || '[{"address": "+12135550999"}]')
where account_id = :'b' and channel = 'sms';

-- TEST: each persona number of account a.
select results_eq(
  $$select n, r.account_id, r.persona, r.provider
    from unnest(array['+13055550900', '+13055550901', '+13055550902']) with ordinality x(n, i)
    cross join lateral brain.route_inbound_address(n, 'sms') r order by i$$,
  format($$values ('+13055550900'::text, %1$L::uuid, 'initial'::text, 'sink'::text),
                  ('+13055550901', %1$L, 'nudge', 'sink'),
                  ('+13055550902', %1$L, 'booking', 'sink')$$, :'a'),
  'initial, nudge and booking numbers route to account a with their persona');

-- TEST: another account's number routes there.
select results_eq(
  $$select account_id, persona from brain.route_inbound_address('+12135550900', 'sms')$$,
  format($$values (%L::uuid, 'initial'::text)$$, :'b'),
  'account b''s number routes to account b');
select results_eq(
  $$select account_id, persona from brain.route_inbound_address('+12135550999', 'sms')$$,
  format($$values (%L::uuid, 'initial'::text)$$, :'b'),
  'a sender without a persona is the initial persona');

-- TEST: WhatsApp to an SMS number still finds the owner.
select results_eq(
  $$select account_id, persona from brain.route_inbound_address('+13055550901', 'whatsapp')$$,
  format($$values (%L::uuid, 'nudge'::text)$$, :'a'),
  'a whatsapp message to the nudge number routes to account a, persona nudge');

select * from finish();
rollback;
