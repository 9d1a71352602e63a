-- When a sequence step is due: business hours in the lead's zone and the account's window,
-- calendar days, and hours before the meeting (a passed reminder is skipped).
begin;
select plan(5);

select tests.create_account() as a \gset
update public.org_settings set send_window_start = '09:00', send_window_end = '17:00', timezone = 'UTC' where account_id = :'a';
select tests.create_lead(:'a', '+13055550101', p_timezone => 'America/Los_Angeles') as l \gset
select tests.create_sequence(:'a', 'manual', '[{"delay_amount": 3, "delay_unit": "business_hours"}, {"delay_amount": 2, "delay_unit": "days"}]') as s \gset
select tests.create_sequence(:'a', 'booking_reminder', '[{"delay_amount": 48, "delay_unit": "hours_before_meeting"},
  {"delay_amount": 2, "delay_unit": "hours_before_meeting"}]') as r \gset

-- TEST: business hours in the lead's zone across a weekend.
select results_eq(format($$select step_order, due_at, skipped from brain.sequence_next_step(%L, %L, 1, '2026-12-11 16:00 America/Los_Angeles', null, '2026-12-11 16:00 America/Los_Angeles')$$, :'s', :'l'),
  $$values (1, '2026-12-14 11:00 America/Los_Angeles'::timestamptz, 0)$$, 'step 1: Friday 16:00 + 3 business hours = Monday 11:00 (lead''s zone)');
-- TEST: calendar days.
select results_eq(format($$select step_order, due_at from brain.sequence_next_step(%L, %L, 2, '2026-12-12 10:00 UTC', null, '2026-12-12 10:00 UTC')$$, :'s', :'l'),
  $$values (2, '2026-12-14 10:00 UTC'::timestamptz)$$, 'step 2: two calendar days, weekend included');
-- TEST: nothing after the last step.
select results_eq(format($$select step_order, due_at from brain.sequence_next_step(%L, %L, 3, now(), null, now())$$, :'s', :'l'),
  $$values (null::integer, null::timestamptz)$$, 'no step left');
-- TEST: reminders count back from the meeting; one whose time passed is skipped.
select results_eq(format($$select step_order, due_at, skipped from brain.sequence_next_step(%L, %L, 1, '2026-12-10 12:00 UTC', '2026-12-13 12:00 UTC', '2026-12-10 12:00 UTC')$$, :'r', :'l'),
  $$values (1, '2026-12-11 12:00 UTC'::timestamptz, 0)$$, '48 hours before the meeting');
select results_eq(format($$select step_order, due_at, skipped from brain.sequence_next_step(%L, %L, 1, '2026-12-12 12:00 UTC', '2026-12-13 12:00 UTC', '2026-12-12 12:00 UTC')$$, :'r', :'l'),
  $$values (2, '2026-12-13 10:00 UTC'::timestamptz, 1)$$, 'the 48-hour reminder has passed: skipped, the 2-hour one is next');

select * from finish();
rollback;
