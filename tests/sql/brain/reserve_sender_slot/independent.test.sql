-- Each (account, channel, sender) has its own limit: other senders, channels and
-- accounts are not delayed by a busy sender.
begin;
select plan(5);

select tests.local_at(1, '10:00') as p \gset
select tests.create_account() as a \gset
select tests.create_account() as b \gset

select * from brain.reserve_sender_slot(:'a', 'sms', '+13055550901', 1, :'p');

-- TEST: the same sender is now busy for 1.4 s, a second plus the margin (control).
select is(
  (select slot_at from brain.reserve_sender_slot(:'a', 'sms', '+13055550901', 1, :'p')),
  :'p'::timestamptz + interval '1400 milliseconds', 'the same sender waits 1.4 s');

-- TEST: another sender of the same account and channel is free.
select results_eq(
  format($$select slot_at, reserved from brain.reserve_sender_slot(%L, 'sms', '+13055550902', 1, %L)$$, :'a', :'p'),
  format($$values (%L::timestamptz, true)$$, :'p'),
  'another number starts at p');

-- TEST: the same address on another channel is free.
select results_eq(
  format($$select slot_at, reserved from brain.reserve_sender_slot(%L, 'voice', '+13055550901', 1, %L)$$, :'a', :'p'),
  format($$values (%L::timestamptz, true)$$, :'p'),
  'the same number on voice starts at p');

-- TEST: the same sender in another account is free.
select results_eq(
  format($$select slot_at, reserved from brain.reserve_sender_slot(%L, 'sms', '+13055550901', 1, %L)$$, :'b', :'p'),
  format($$values (%L::timestamptz, true)$$, :'p'),
  'another account''s identical sender starts at p');

select is(
  (select count(*)::int from public.sender_rate_state where account_id in (:'a', :'b')),
  4, 'four independent sender states');

select * from finish();
rollback;
