-- At 1 send per second, reservations at the same instant are spaced 1.4 s apart
-- (one second plus a 400 ms margin); one that would start more than p_max_wait
-- away is refused and not kept. Only two such slots fit in the default 2.5 s wait
-- (p and p+1.4s): the third and fourth calls are both refused at p+2.8s, the
-- fourth's answer showing the third's refusal kept nothing.
begin;
select plan(7);

select tests.local_at(1, '10:00') as p \gset
select tests.create_account() as a \gset

create temp table r (n int, slot_at timestamptz, reserved boolean) on commit drop;
insert into r select 1, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550999', 1, :'p');
insert into r select 2, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550999', 1, :'p');
insert into r select 3, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550999', 1, :'p');
insert into r select 4, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550999', 1, :'p');

-- TEST: p, p+1.4s (one second plus the 400 ms margin).
select results_eq(
  $$select slot_at, reserved from r where n <= 2 order by n$$,
  format($$values (%L::timestamptz, true), (%L::timestamptz, true)$$,
         :'p', :'p'::timestamptz + interval '1400 milliseconds'),
  'two sends at the same instant start at p and p+1.4s');

-- TEST: the third would start at p+2.8s, beyond the default 2.5 s wait: refused, slot returned; the fourth is told the same.
select results_eq(
  $$select slot_at, reserved from r where n >= 3 order by n$$,
  format($$values (%1$L::timestamptz, false), (%1$L::timestamptz, false)$$, :'p'::timestamptz + interval '2800 milliseconds'),
  'the third and fourth are not reserved and are told their slot, p+2.8s');

-- TEST: the refused slot was not kept: asked again 1.5 seconds later, p+2.8s is free.
select results_eq(
  format($$select slot_at, reserved from brain.reserve_sender_slot(%L, 'sms', '+13055550999', 1, %L)$$,
         :'a', :'p'::timestamptz + interval '1.5 seconds'),
  format($$values (%L::timestamptz, true)$$, :'p'::timestamptz + interval '2800 milliseconds'),
  '1.5 s later the next send gets p+2.8s (not p+4.2s)');

-- TEST: a longer p_max_wait accepts a later slot.
select results_eq(
  format($$select slot_at, reserved from brain.reserve_sender_slot(%L, 'sms', '+13055550999', 1, %L, interval '10 seconds')$$,
         :'a', :'p'),
  format($$values (%L::timestamptz, true)$$, :'p'::timestamptz + interval '4200 milliseconds'),
  'with p_max_wait 10 s the next send is reserved at p+4.2s');

-- TEST: the state keeps only the latest start (max_per_second of them).
select is(
  (select recent from public.sender_rate_state where account_id = :'a' and channel = 'sms' and sender = '+13055550999'),
  array[:'p'::timestamptz + interval '4200 milliseconds'],
  'sender_rate_state.recent holds the last reserved start only');

-- TEST: after a pause, a send starts at once.
select results_eq(
  format($$select slot_at, reserved from brain.reserve_sender_slot(%L, 'sms', '+13055550999', 1, %L)$$,
         :'a', :'p'::timestamptz + interval '1 minute'),
  format($$values (%L::timestamptz, true)$$, :'p'::timestamptz + interval '1 minute'),
  'a minute later there is no delay');

-- TEST: p_max_per_second below 1 counts as 1.
select results_eq(
  format($$select slot_at from brain.reserve_sender_slot(%L, 'sms', '+13055550999', 0, %L)$$,
         :'a', :'p'::timestamptz + interval '1 minute'),
  format($$values (%L::timestamptz)$$, :'p'::timestamptz + interval '1 minute 1400 milliseconds'),
  'max 0 per second behaves as 1 per second');

select * from finish();
rollback;
