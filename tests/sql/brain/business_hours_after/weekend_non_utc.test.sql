-- Business hours count inside the send window, Monday to Friday, in the lead's zone.
begin;
select plan(5);

-- 2026-12-11 is a Friday. Window 09:00-17:00 in Los Angeles.
-- TEST: Friday 16:00 + 3 business hours = Monday 11:00 (one hour Friday, two Monday).
select is(brain.business_hours_after('2026-12-11 16:00 America/Los_Angeles', 3, 'America/Los_Angeles', '09:00', '17:00'),
  '2026-12-14 11:00 America/Los_Angeles'::timestamptz, 'Friday 16:00 + 3h → Monday 11:00 Los Angeles time');
-- TEST: a start on Saturday begins on Monday's opening.
select is(brain.business_hours_after('2026-12-12 10:00 America/Los_Angeles', 2, 'America/Los_Angeles', '09:00', '17:00'),
  '2026-12-14 11:00 America/Los_Angeles'::timestamptz, 'Saturday + 2h → Monday 11:00');
-- TEST: before the window opens, counting starts at the opening; within a day it is plain addition.
select is(brain.business_hours_after('2026-12-09 06:00 America/Los_Angeles', 2, 'America/Los_Angeles', '09:00', '17:00'),
  '2026-12-09 11:00 America/Los_Angeles'::timestamptz, 'Wednesday 06:00 + 2h → Wednesday 11:00');
-- TEST: 16 hours span two full windows and land at the end of the second... i.e. Thursday + Friday.
select is(brain.business_hours_after('2026-12-10 09:00 America/Los_Angeles', 16, 'America/Los_Angeles', '09:00', '17:00'),
  '2026-12-11 17:00 America/Los_Angeles'::timestamptz, 'Thursday 09:00 + 16h → Friday 17:00');
-- TEST: 0 hours is the start itself.
select is(brain.business_hours_after('2026-12-12 10:00 UTC', 0, 'America/Los_Angeles', '09:00', '17:00'),
  '2026-12-12 10:00 UTC'::timestamptz, '0 hours: no wait');

select * from finish();
rollback;
