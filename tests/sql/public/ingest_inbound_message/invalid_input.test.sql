-- Refused input: a channel other than sms or whatsapp, a missing message id.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');

-- TEST: refused.
select throws_ok($$select public.ingest_inbound_message('twilio', 'SM-1', 'email', '+13055550101', '+13055550900', 'hi')$$,
  '22023', 'invalid_argument', 'channel email is refused');
select throws_ok($$select public.ingest_inbound_message('twilio', null, 'sms', '+13055550101', '+13055550900', 'hi')$$,
  '22023', 'invalid_argument', 'a null message id is refused');
select throws_ok($$select public.ingest_inbound_message('twilio', '', 'sms', '+13055550101', '+13055550900', 'hi')$$,
  '22023', 'invalid_argument', 'an empty message id is refused');

-- TEST: nothing written.
select is((select count(*)::int from public.webhook_receipts) + (select count(*)::int from public.leads), 0, 'nothing written');

select * from finish();
rollback;
