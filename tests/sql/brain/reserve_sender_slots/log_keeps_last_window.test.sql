-- A sender's log (sender_rate_state.recent) keeps only the starts of its last window:
-- when it is written back, starts not newer than the reservation's time less 1.4 s
-- are dropped, however many there were (a start that old can hold no new one back:
-- it is more than a window, and so more than a pacing step, before now). Starts of
-- the last 1.4 s still hold a new one back as before, and a refused reservation
-- writes nothing, so it drops nothing either.
begin;
select plan(7);

select tests.local_at(1, '10:00') as p \gset
select tests.create_account() as a \gset

-- A sender at 1000 per second whose log holds 1000 starts from p-2s to p-1.5005s (0.5 ms
-- apart), one exactly 1.4 s before p and two of the last 1.4 s (p-1s and p-0.5s).
insert into public.sender_rate_state (account_id, channel, sender, recent)
values (:'a', 'sms', '+13055550997',
        array(select :'p'::timestamptz - interval '2 seconds' + k * interval '500 microseconds' from generate_series(0, 999) k order by k)
        || array[:'p'::timestamptz - interval '1400 milliseconds', :'p'::timestamptz - interval '1 second',
                 :'p'::timestamptz - interval '500 milliseconds']);

-- TEST: the old starts do not hold the new ones back: the first slot is p, the second paced 1.4 ms after it.
select results_eq(
  format($$select n, slot_at, reserved from brain.reserve_sender_slots(%L, 'sms', array['+13055550997'], array[2], 1000, %L)$$,
         :'a', :'p'),
  format($$values (1, %L::timestamptz, true), (2, %L::timestamptz, true)$$, :'p', :'p'::timestamptz + interval '1.4 milliseconds'),
  'a log of 1000 starts older than 1.4 s holds nothing back: slots p and p+1.4ms');

-- TEST: the log keeps only the starts newer than p-1.4s, and the new ones.
select is(
  (select recent from public.sender_rate_state where account_id = :'a' and channel = 'sms' and sender = '+13055550997'),
  array[:'p'::timestamptz - interval '1 second', :'p'::timestamptz - interval '500 milliseconds',
        :'p'::timestamptz, :'p'::timestamptz + interval '1.4 milliseconds'],
  'the 1001 starts not newer than p-1.4s are dropped; p-1s, p-0.5s and the two new slots are kept');

-- TEST: a second later, the window has moved on with the new p_now.
select is(
  (select slot_at from brain.reserve_sender_slot(:'a', 'sms', '+13055550997', 1000, :'p'::timestamptz + interval '1 second')),
  :'p'::timestamptz + interval '1 second', 'a second later the next slot is that p_now');
select is(
  (select recent from public.sender_rate_state where account_id = :'a' and channel = 'sms' and sender = '+13055550997'),
  array[:'p'::timestamptz, :'p'::timestamptz + interval '1.4 milliseconds', :'p'::timestamptz + interval '1 second'],
  'the log then keeps the starts newer than p-0.4s: p, p+1.4ms and p+1s');

-- TEST: starts of the last 1.4 s still hold a new one back. At 2 per second, with starts at
-- p-2s (old, dropped), p-1s and p-0.5s, the next slot is 1.4 s after p-1s (pacing alone would
-- allow p-0.5s + 0.7s = p+0.2s).
insert into public.sender_rate_state (account_id, channel, sender, recent)
values (:'a', 'sms', '+13055550996',
        array[:'p'::timestamptz - interval '2 seconds', :'p'::timestamptz - interval '1 second', :'p'::timestamptz - interval '500 milliseconds']);
select results_eq(
  format($$select slot_at, reserved from brain.reserve_sender_slot(%L, 'sms', '+13055550996', 2, %L)$$, :'a', :'p'),
  format($$values (%L::timestamptz, true)$$, :'p'::timestamptz - interval '1 second' + interval '1400 milliseconds'),
  'max 2/s with starts at p-1s and p-0.5s: the next slot is p-1s+1.4s');
select is(
  (select recent from public.sender_rate_state where account_id = :'a' and channel = 'sms' and sender = '+13055550996'),
  array[:'p'::timestamptz - interval '500 milliseconds', :'p'::timestamptz + interval '400 milliseconds'],
  'its log holds its last two starts, p-0.5s and p+0.4s');

-- TEST: a refused reservation writes nothing back: the old start stays in the log.
insert into public.sender_rate_state (account_id, channel, sender, recent)
values (:'a', 'sms', '+13055550995', array[:'p'::timestamptz - interval '2 seconds', :'p'::timestamptz + interval '2 seconds']);
select reserved as refused_reserved from brain.reserve_sender_slot(:'a', 'sms', '+13055550995', 1, :'p') \gset
select is(
  (select row(:'refused_reserved'::boolean, recent)::text from public.sender_rate_state
   where account_id = :'a' and channel = 'sms' and sender = '+13055550995'),
  row(false, array[:'p'::timestamptz - interval '2 seconds', :'p'::timestamptz + interval '2 seconds'])::text,
  'a slot 3.4 s away is refused and the log, old start included, is unchanged');

select * from finish();
rollback;
