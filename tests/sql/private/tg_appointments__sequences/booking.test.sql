-- Issue 18: a booked meeting pauses the lead's follow-ups and starts the reminder
-- sequence anchored on the meeting; cancelling the meeting cancels the reminder run.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_sequence(:'a', 'manual', '[{"delay_amount": 1, "body": "Hi"}]') as s \gset
select tests.create_sequence(:'a', 'booking_reminder', '[{"delay_amount": 72, "delay_unit": "hours_before_meeting", "body": "See you in 3 days"},
  {"delay_amount": 24, "delay_unit": "hours_before_meeting", "body": "See you tomorrow"},
  {"delay_amount": 1, "delay_unit": "hours_before_meeting", "body": "See you in an hour"}]') as r \gset
select brain.start_sequence(:'l', :'s', 'manual', 'user:x', null, null, :'now');

-- The meeting is in 48 hours: the 72-hour reminder has already passed.
insert into public.appointments (account_id, lead_id, status, start_at, end_at, time_zone, provider, source)
values (:'a', :'l', 'booked', now() + interval '48 hours', now() + interval '48 hours 30 minutes', 'America/New_York', 'manual', 'setter')
returning id as ap \gset

-- TEST: the follow-up pauses; the reminder run starts anchored on the meeting.
select results_eq(format($$select status, paused_reason from public.sequence_enrollments where sequence_id = %L$$, :'s'),
  $$values ('paused'::text, 'appointment_booked'::text)$$, 'the follow-up run is paused: appointment_booked');
select results_eq(format($$select status, trigger, anchor_at, appointment_id, current_step, next_step_at from public.sequence_enrollments where sequence_id = %L$$, :'r'),
  format($$values ('active'::text, 'booking_reminder'::text, now() + interval '48 hours', %L::uuid, 2, now() + interval '24 hours')$$, :'ap'),
  'the reminder run: anchored on start_at, the passed 72-hour reminder skipped, the 24-hour one next');

-- TEST: its step is queued as a booking_reminder touch, and the next one is an hour before.
select results_eq(format($$select outcome from brain.run_due_sequence_steps(100, now() + interval '24 hours')$$),
  $$values ('queued'::text)$$, 'the reminder is queued when due');
select results_eq(format($$select t.payload ->> 'message_class', e.current_step, e.next_step_at from public.touch_runs t join public.sequence_enrollments e on e.id = t.sequence_enrollment_id where e.sequence_id = %L$$, :'r'),
  $$values ('booking_reminder'::text, 3, now() + interval '47 hours')$$, 'message_class booking_reminder; the last step an hour before');

-- TEST: the meeting is cancelled: the reminder run ends and its pending touch is withdrawn.
update public.appointments set status = 'canceled', canceled_at = now(), cancel_reason = 'lead asked' where id = :'ap';
select results_eq(format($$select status, ended_reason from public.sequence_enrollments where sequence_id = %L$$, :'r'),
  $$values ('canceled'::text, 'appointment_canceled'::text)$$, 'the reminder run is canceled');
select results_eq(format($$select t.status from public.touch_runs t join public.sequence_enrollments e on e.id = t.sequence_enrollment_id where e.sequence_id = %L$$, :'r'),
  $$values ('canceled'::text)$$, 'its queued reminder is canceled');

select * from finish();
rollback;
