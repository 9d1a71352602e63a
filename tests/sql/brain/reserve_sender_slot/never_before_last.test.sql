-- A reservation never starts before the sender's last reserved start (plus its pacing), even when
-- the caller's clock (p_now) is earlier, and never before p_now.
begin;
select plan(3);

select tests.local_at(1, '10:00') as p \gset
select tests.create_account() as a \gset

select * from brain.reserve_sender_slot(:'a', 'sms', '+13055550901', 3, :'p');

-- TEST: a caller one second behind gets the next paced start after the last, not its own p_now.
select results_eq(
  format($$select slot_at, reserved from brain.reserve_sender_slot(%L, 'sms', '+13055550901', 3, %L)$$,
         :'a', :'p'::timestamptz - interval '1 second'),
  format($$values (%L::timestamptz, true)$$, :'p'::timestamptz + interval '466.667 milliseconds'),
  'p_now = p-1s after a reservation at p: slot p+0.466667s (room in the second, paced 1.4 s / 3 after the last)');

-- TEST: a caller far behind is refused (its slot is too far from its p_now).
select results_eq(
  format($$select slot_at, reserved from brain.reserve_sender_slot(%L, 'sms', '+13055550901', 3, %L)$$,
         :'a', :'p'::timestamptz - interval '10 seconds'),
  format($$values (%L::timestamptz, false)$$, :'p'::timestamptz + interval '933.334 milliseconds'),
  'p_now = p-10s: slot p+0.933334s is more than 2.5 s away, not reserved');

-- TEST: later callers start at their own p_now.
select is(
  (select slot_at from brain.reserve_sender_slot(:'a', 'sms', '+13055550901', 3, :'p'::timestamptz + interval '1 second')),
  :'p'::timestamptz + interval '1 second', 'a caller well after the last start begins at its p_now');

select * from finish();
rollback;
