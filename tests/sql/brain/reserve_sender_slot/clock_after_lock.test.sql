-- A caller that read its clock, then queued behind other claims for the sender's
-- row lock, must not reserve a start time that is already past: it would send at
-- once (late), and the window its slot was counted in would not hold its send.
-- This is how the crash test saw 11 sends in one second against max_per_second 10.
begin;
select plan(3);

select tests.create_account() as a \gset

-- Each reservation with the moment its send really starts: the slot, or the call when the slot is past.
create temp table r (n int, slot_at timestamptz, reserved boolean, starts_at timestamptz) on commit drop;

-- A read its clock 0.9 s ago (it waited for the lock); B and C come with a fresh clock; then D.
insert into r select 1, s.*, greatest(s.slot_at, pg_catalog.clock_timestamp())
  from brain.reserve_sender_slot(:'a', 'sms', '+13055550911', 3, pg_catalog.clock_timestamp() - interval '900 milliseconds') s;
insert into r select 2, s.*, greatest(s.slot_at, pg_catalog.clock_timestamp())
  from brain.reserve_sender_slot(:'a', 'sms', '+13055550911', 3, pg_catalog.clock_timestamp()) s;
insert into r select 3, s.*, greatest(s.slot_at, pg_catalog.clock_timestamp())
  from brain.reserve_sender_slot(:'a', 'sms', '+13055550911', 3, pg_catalog.clock_timestamp()) s;
insert into r select 4, s.*, greatest(s.slot_at, pg_catalog.clock_timestamp())
  from brain.reserve_sender_slot(:'a', 'sms', '+13055550911', 3, pg_catalog.clock_timestamp()) s;

-- TEST: the stale caller's slot is not in the past.
select ok((select slot_at >= starts_at - interval '50 milliseconds' from r where n = 1),
          'a caller whose clock is 0.9 s stale gets a slot no earlier than the time it took it');

-- TEST: all four were reserved.
select is((select count(*)::int from r where reserved), 4, 'four reservations within the wait limit');

-- TEST: the real starts never put more than 3 in a 1-second window.
select is(
  (select max(c)::int from (select count(*) as c from r x join r y
                            on y.starts_at >= x.starts_at and y.starts_at < x.starts_at + interval '1 second'
                            group by x.n) w),
  3, 'at most 3 real starts in any 1-second window');

select * from finish();
rollback;
