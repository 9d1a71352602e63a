-- A number listed on several channels of an account routes with the provider of
-- the channel the message came on.
begin;
select plan(2);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'whatsapp', 'twilio');
select tests.give_senders(:'a', '+13055550900', p_channel => 'sms');
select tests.give_senders(:'a', null, '+13055550900', p_channel => 'whatsapp');

-- TEST: the message's channel decides.
select results_eq(
  $$select account_id, persona, provider from brain.route_inbound_address('+13055550900', 'whatsapp')$$,
  format($$values (%L::uuid, 'nudge'::text, 'twilio'::text)$$, :'a'),
  'on whatsapp: the whatsapp provider''s entry (twilio, nudge)');
select results_eq(
  $$select account_id, persona, provider from brain.route_inbound_address('+13055550900', 'sms')$$,
  format($$values (%L::uuid, 'initial'::text, 'sink'::text)$$, :'a'),
  'on sms: the sms provider''s entry (sink, initial)');

select * from finish();
rollback;
