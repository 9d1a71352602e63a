-- With max_per_second = 3, three sends start in the same second, paced 1.4 s / 3
-- apart, not in a burst; the fourth starts 1.4 s after the first; no 1.4-second
-- window (and so no 1-second window) ever holds more than 3. Only six fit in the
-- default 2.5 s wait: the seventh is refused.
-- 1.4 s / 3 is 466.667 ms to the microsecond (rounded up), so each pacing step
-- carries 1 µs of rounding: from the fourth on, the pacing after the last start is
-- 1 µs later than 1.4 s after the third most recent, and wins (p+1.400001s, …).
begin;
select plan(3);

select tests.local_at(1, '10:00') as p \gset
select tests.create_account() as a \gset

create temp table r (n int, slot_at timestamptz, reserved boolean) on commit drop;
insert into r select 1, * from brain.reserve_sender_slot(:'a', 'whatsapp', 'whatsapp:+13055550999', 3, :'p');
insert into r select 2, * from brain.reserve_sender_slot(:'a', 'whatsapp', 'whatsapp:+13055550999', 3, :'p');
insert into r select 3, * from brain.reserve_sender_slot(:'a', 'whatsapp', 'whatsapp:+13055550999', 3, :'p');
insert into r select 4, * from brain.reserve_sender_slot(:'a', 'whatsapp', 'whatsapp:+13055550999', 3, :'p');
insert into r select 5, * from brain.reserve_sender_slot(:'a', 'whatsapp', 'whatsapp:+13055550999', 3, :'p');
insert into r select 6, * from brain.reserve_sender_slot(:'a', 'whatsapp', 'whatsapp:+13055550999', 3, :'p');
insert into r select 7, * from brain.reserve_sender_slot(:'a', 'whatsapp', 'whatsapp:+13055550999', 3, :'p');

-- TEST: three paced 466.667 ms apart, then the fourth 1.4 s after the first (plus the 1 µs of rounding).
select results_eq(
  $$select slot_at, reserved from r where n <= 4 order by n$$,
  format($$values (%L::timestamptz, true), (%L::timestamptz, true), (%L::timestamptz, true), (%L::timestamptz, true)$$,
         :'p', :'p'::timestamptz + interval '466.667 milliseconds', :'p'::timestamptz + interval '933.334 milliseconds',
         :'p'::timestamptz + interval '1400.001 milliseconds'),
  'max 3/s: sends start at p, p+0.466667s, p+0.933334s, the fourth at p+1.400001s');

-- TEST: the fifth and sixth are paced on; the seventh would start at p+2.800002s, beyond the 2.5 s wait: refused.
select results_eq(
  $$select slot_at, reserved from r where n > 4 order by n$$,
  format($$values (%L::timestamptz, true), (%L::timestamptz, true), (%L::timestamptz, false)$$,
         :'p'::timestamptz + interval '1866.668 milliseconds', :'p'::timestamptz + interval '2333.335 milliseconds',
         :'p'::timestamptz + interval '2800.002 milliseconds'),
  'the fifth and sixth at p+1.866668s and p+2.333335s; the seventh, at p+2.800002s, is not reserved');

-- TEST: no 1.4-second window holds more than 3 reserved starts.
select is(
  (select max(c)::int from (select count(*) as c from r x join r y
                            on y.slot_at >= x.slot_at and y.slot_at < x.slot_at + interval '1400 milliseconds'
                            where x.reserved and y.reserved
                            group by x.n) w),
  3, 'at most 3 starts in any 1.4-second window (so in any 1-second window too)');

select * from finish();
rollback;
