-- With max_per_second = 3, three sends start in the same second, paced 0.4 s
-- apart (1.2 s / 3), not in a burst; the fourth starts 1.2 s after the first;
-- no 1-second window ever holds more than 3.
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

-- TEST: three paced 0.4 s apart, then the fourth 1.2 s after the first.
select results_eq(
  $$select slot_at, reserved from r where n <= 4 order by n$$,
  format($$values (%L::timestamptz, true), (%L::timestamptz, true), (%L::timestamptz, true), (%L::timestamptz, true)$$,
         :'p', :'p'::timestamptz + interval '400 milliseconds', :'p'::timestamptz + interval '800 milliseconds',
         :'p'::timestamptz + interval '1200 milliseconds'),
  'max 3/s: sends start at p, p+0.4s, p+0.8s, the fourth at p+1.2s');

-- TEST: the fifth to seventh.
select results_eq(
  $$select slot_at, reserved from r where n > 4 order by n$$,
  format($$values (%L::timestamptz, true), (%L::timestamptz, true), (%L::timestamptz, true)$$,
         :'p'::timestamptz + interval '1600 milliseconds', :'p'::timestamptz + interval '2000 milliseconds',
         :'p'::timestamptz + interval '2400 milliseconds'),
  'the fifth to seventh at p+1.6s, p+2s and p+2.4s');

-- TEST: no 1-second window holds more than 3 starts.
select is(
  (select max(c)::int from (select count(*) as c from r x join r y
                            on y.slot_at >= x.slot_at and y.slot_at < x.slot_at + interval '1 second'
                            group by x.n) w),
  3, 'at most 3 starts in any 1-second window');

select * from finish();
rollback;
