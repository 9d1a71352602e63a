-- A number has one owner, so routing has nothing to break ties on: a reply
-- (STOP included) to a's number reaches a, even after b tried to list it.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.set_all_providers(:'a');
select tests.set_all_providers(:'b');
select tests.give_sms_senders(:'a', '+13055550900');
-- b tries to list a's number (refused), next to a number of its own.
select tests.error_of(format($$select tests.give_sms_senders(%L, '+13055550900')$$, :'b'));
select tests.give_sms_senders(:'b', '+12135550900');

-- TEST: the single owner.
select results_eq(
  $$select account_id from brain.route_inbound_address('+13055550900', 'sms')$$,
  format($$values (%L::uuid)$$, :'a'),
  'a''s number routes to a');
select results_eq(
  $$select account_id from brain.route_inbound_address('+12135550900', 'sms')$$,
  format($$values (%L::uuid)$$, :'b'),
  'b''s number routes to b');

-- TEST: a STOP to a's number suppresses a's lead, not b's.
select tests.create_lead(:'b', p_phone => '+13055551234') as b_lead \gset
select is(
  public.ingest_inbound_message('twilio', 'SMstop1', 'sms', '+13055551234', '+13055550900', 'STOP', now()) ->> 'account_id',
  :'a', 'the STOP is recorded for a');
select is_empty(
  format($$select 1 from public.suppressions where account_id = %L$$, :'b'),
  'b suppressed nobody');

select * from finish();
rollback;
