-- The booking webhook writes appointments (seed 003 §12): booked → one appointment
-- (idempotent by invitee URI) and the lead appointment_booked, which stops outreach
-- except a booking_reminder sequence's touches; canceled → the appointment canceled and
-- the lead back to high_intent. A setter marks no-shows.
begin;
select plan(12);

select tests.local_at(1, '11:00') as now \gset
select tests.booking_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', 'touched', p_timezone => 'America/Chicago') as l \gset
select tests.local_at(3, '10:00', 'America/Chicago') as s1 \gset

-- TEST: booked: one appointment in the lead's zone, the lead appointment_booked.
select public.ingest_booking(:'a', 'evt-1', 'booked', 'ana@example.com', null, 'Ana', null, :'s1', 'https://calendly.test/invitees/I1', now());
select public.ingest_booking(:'a', 'evt-2', 'booked', 'ana@example.com', null, 'Ana', null, :'s1', 'https://calendly.test/invitees/I1', now());
select is((select count(*)::integer from public.appointments where lead_id = :'l'), 1, 'two deliveries for one invitee: one appointment');
select is((select (status, source, time_zone::text)::text from public.appointments where lead_id = :'l'), '(booked,webhook,America/Chicago)',
          'booked by the webhook, in the lead''s zone');
select is((select lead_state from public.leads where id = :'l'), 'appointment_booked', 'the lead is appointment_booked (not closed)');

-- TEST: outreach stops: a campaign touch is canceled; a booking_reminder step goes.
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 minute', '{"delivery": {"body": "Hi again"}}') as t1 \gset
insert into public.sequences (account_id, name, trigger_on, is_active) values (:'a', 'Reminder', 'booking_reminder', true) returning id as seq \gset
insert into public.sequence_enrollments (account_id, lead_id, sequence_id, trigger, started_by, anchor_at, appointment_id)
values (:'a', :'l', :'seq', 'booking_reminder', 'system:booking_reminder', :'s1', (select id from public.appointments where lead_id = :'l'))
returning id as enr \gset
insert into public.touch_runs (account_id, lead_id, step, channel, attempt, status, scheduled_at, payload, sequence_enrollment_id, sequence_step)
values (:'a', :'l', 2, 'sms', 1, 'scheduled', :'now'::timestamptz - interval '1 minute',
        '{"delivery": {"body": "See you tomorrow at 10"}, "routing": {"stop_on_events": ["appointment_booked", "do_not_contact"]}}', :'enr', 1)
returning id as t2 \gset
select is((select claim ->> 'reason' from brain.claim_touch_rows(:'a', array[:'t1']::uuid[], 'w', :'now')), 'stop_event:appointment_booked',
          'a campaign touch to a booked lead is canceled');
select is((select claim ->> 'outcome' from brain.claim_touch_rows(:'a', array[:'t2']::uuid[], 'w', :'now')), 'claimed',
          'the booking reminder still goes');
select is((select next_action from brain.lead_next_action_at(:'now') where lead_id = :'l'), 'stop_all', 'the next action is stop_all');

-- TEST: canceled: the appointment canceled, the lead back to high_intent.
select public.ingest_booking(:'a', 'evt-3', 'canceled', 'ana@example.com', null, 'Ana', null, :'s1', 'https://calendly.test/invitees/I1', now());
select is((select status from public.appointments where lead_id = :'l'), 'canceled', 'the appointment is canceled');
select is((select lead_state from public.leads where id = :'l'), 'high_intent', 'the lead is high_intent again');

-- TEST: a setter marks a past meeting a no-show; a future one cannot be.
select public.ingest_booking(:'a', 'evt-4', 'booked', 'ana@example.com', null, 'Ana', null, now() - interval '2 hours', 'https://calendly.test/invitees/I2', now() - interval '3 days');
select is(public.update_appointment_status(:'a', (select id from public.appointments where provider_invitee_uri = 'https://calendly.test/invitees/I2'),
                                           'no_show', 'user:setter@example.com') ->> 'outcome', 'no_show', 'marked a no-show');
select is((select lead_state from public.leads where id = :'l'), 'high_intent', 'a no-show hands the lead back to high_intent');
select public.ingest_booking(:'a', 'evt-5', 'booked', 'ana@example.com', null, 'Ana', null, :'s1', 'https://calendly.test/invitees/I3', now());
select throws_ok(format($$select public.update_appointment_status(%L, %L, 'no_show', 'user:s@example.com')$$, :'a',
                        (select id from public.appointments where provider_invitee_uri = 'https://calendly.test/invitees/I3')),
                 '55000', 'appointment_not_started', 'a meeting that has not started is not a no-show');
select throws_ok(format($$select public.update_appointment_status(%L, %L, 'canceled', 'user:s@example.com')$$, tests.create_account('Other'),
                        (select id from public.appointments where provider_invitee_uri = 'https://calendly.test/invitees/I3')),
                 'P0002', 'appointment_not_found', 'another account cannot touch it');

select * from finish();
rollback;
