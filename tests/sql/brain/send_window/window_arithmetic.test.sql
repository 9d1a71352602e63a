-- brain.window_start_at: the next instant inside [start, end) in a zone, across DST changes.
-- US DST in 2026 starts on Sunday 8 March and ends on Sunday 1 November.
begin;
select plan(13);

-- TEST: inside, before and after the window on an ordinary day (New York, EST = UTC-5).
select is(brain.window_start_at('America/New_York', '08:00', '20:00', '2026-02-10 12:59:59+00'),
  timestamptz '2026-02-10 13:00:00+00', '07:59:59 local waits for 08:00 the same day');
select is(brain.window_start_at('America/New_York', '08:00', '20:00', '2026-02-10 13:00:00+00'),
  timestamptz '2026-02-10 13:00:00+00', 'exactly 08:00 local is inside (start inclusive)');
select is(brain.window_start_at('America/New_York', '08:00', '20:00', '2026-02-11 00:59:59+00'),
  timestamptz '2026-02-11 00:59:59+00', '19:59:59 local is still inside');
select is(brain.window_start_at('America/New_York', '08:00', '20:00', '2026-02-11 01:00:00+00'),
  timestamptz '2026-02-11 13:00:00+00', 'exactly 20:00 local is outside (end exclusive): next morning');

-- TEST: spring forward. Saturday 7 March 08:00 EST is 13:00Z; Sunday 8 March 08:00 EDT is 12:00Z.
select is(brain.window_start_at('America/New_York', '08:00', '20:00', '2026-03-07 10:00:00+00'),
  timestamptz '2026-03-07 13:00:00+00', 'the day before the change opens at 13:00Z');
select is(brain.window_start_at('America/New_York', '08:00', '20:00', '2026-03-08 01:30:00+00'),
  timestamptz '2026-03-08 12:00:00+00', 'Saturday 20:30 EST → Sunday 08:00 EDT, only 10.5 hours later');
select is(brain.window_start_at('America/New_York', '08:00', '20:00', '2026-03-08 06:30:00+00'),
  timestamptz '2026-03-08 12:00:00+00', '01:30 EST on the night of the change → 08:00 EDT');
select is(brain.window_start_at('America/New_York', '08:00', '20:00', '2026-03-09 00:00:00+00'),
  timestamptz '2026-03-09 12:00:00+00', '20:00 EDT on the day of the change is closed');

-- TEST: fall back. Saturday 31 October 20:30 EDT is 00:30Z; Sunday 1 November 08:00 EST is 13:00Z.
select is(brain.window_start_at('America/New_York', '08:00', '20:00', '2026-11-01 00:30:00+00'),
  timestamptz '2026-11-01 13:00:00+00', 'Saturday 20:30 EDT → Sunday 08:00 EST, 12.5 hours later');
select is(brain.window_start_at('America/New_York', '08:00', '20:00', '2026-11-01 12:59:59+00'),
  timestamptz '2026-11-01 13:00:00+00', '07:59:59 EST after the change still waits');

-- TEST: zones without DST and other windows.
select is(brain.window_start_at('America/Phoenix', '08:00', '20:00', '2026-03-08 14:00:00+00'),
  timestamptz '2026-03-08 15:00:00+00', 'Phoenix keeps UTC-7 through March: 08:00 is 15:00Z');
select is(brain.window_start_at('America/Bogota', '09:30', '21:00', '2026-06-01 01:00:00+00'),
  timestamptz '2026-06-01 01:00:00+00', '20:00 in Bogotá (UTC-5) is inside a 09:30–21:00 window');

select is(brain.window_start_at('America/Bogota', '09:30', '21:00', '2026-06-01 02:00:00+00'),
  timestamptz '2026-06-01 14:30:00+00', '21:00 in Bogotá is closed: next day 09:30');

select * from finish();
rollback;
