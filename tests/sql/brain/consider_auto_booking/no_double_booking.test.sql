-- A reply that accepts one offered slot books it once (seed 003 §12): the booking is
-- claimed in SQL before the provider is called, a replayed reply or a second result
-- changes nothing, and there is one appointment; an ambiguous reply gets a setter task.
begin;
select plan(17);

select tests.booking_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', 'high_intent', p_timezone => 'America/New_York') as l \gset
select tests.local_at(2, '10:00') as s1, tests.local_at(3, '15:30') as s2 \gset
select tests.fresh_slots(:'a', array[:'s1', :'s2']::timestamptz[]);
select tests.offer(:'a', :'l', array[:'s1', :'s2']::timestamptz[]);
select tests.inbound_message(:'a', :'l', format('%s at 10 works', tests.day_en(:'s1')), now()) as m \gset

-- TEST: understanding the reply claims one booking attempt and queues one job.
select is(brain.record_reply_sentiment(:'m', 'Meeting Requested', 'llm', 'wants a meeting', 0.95) -> 'booking' ->> 'decision', 'book',
          'the reply accepts the first slot: book');
select is((select (slot_start, status)::text from public.booking_attempts where lead_id = :'l'), format('("%s",queued)', :'s1'::timestamptz),
          'one attempt for that slot, queued');
select is((select count(*)::integer from graphile_worker.jobs where task_identifier = 'book_offered_slot'), 1, 'one book_offered_slot job');
select is((select status from public.offered_slots where lead_id = :'l' and slot_start = :'s1'), 'accepted', 'the offer is accepted');

-- TEST: the same reply again (a replay, another worker) books nothing more.
select is(brain.consider_auto_booking(:'m') ->> 'decision', 'already_requested', 'a replay finds the attempt already there');
select is((select count(*)::integer from public.booking_attempts where lead_id = :'l'), 1, 'still one attempt');

-- TEST: the worker takes the attempt once; a second take is refused.
select brain.claim_booking_attempt((select id from public.booking_attempts where lead_id = :'l')) as claim \gset
select is(:'claim'::jsonb ->> 'claimed', 'true', 'claimed for the provider call');
select is(:'claim'::jsonb -> 'invitee' ->> 'email', 'ana@example.com', 'with the invitee''s email');
select is((select status from public.booking_attempts where lead_id = :'l'), 'calling', 'marked calling before the call');

-- TEST: booked: one appointment, the lead appointment_booked, an event; a second result changes nothing.
select brain.record_booking_result((select id from public.booking_attempts where lead_id = :'l'), true,
                                   'https://api.calendly.test/scheduled_events/E1', 'https://api.calendly.test/scheduled_events/E1/invitees/I1');
select is(brain.record_booking_result((select id from public.booking_attempts where lead_id = :'l'), true, null, null) ->> 'outcome',
          'already_booked', 'a second result is ignored');
select is((select (status, source, provider, time_zone::text, end_at - start_at)::text from public.appointments where lead_id = :'l'),
          '(booked,auto_booking,calendly,America/New_York,00:30:00)', 'one 30-minute appointment, auto-booked in the lead''s zone');
select is((select lead_state from public.leads where id = :'l'), 'appointment_booked', 'the lead is appointment_booked');
select is((select count(*)::integer from public.core_memory_events where lead_id = :'l' and event_type = 'appointment_booked'), 1,
          'one appointment_booked event');
-- The booking webhook for the same invitee, and a booking for the same lead and time, add no row.
select brain.record_appointment(:'a', :'l', :'s1', null, 'America/New_York', 'webhook', 'webhook', 'webhook:booking', null,
                                'https://api.calendly.test/scheduled_events/E1/invitees/I1');
select throws_ok(format($$insert into public.appointments (account_id, lead_id, start_at, end_at, time_zone, provider, source)
                          values (%L, %L, %L, %L::timestamptz + interval '30 minutes', 'UTC', 'manual', 'setter')$$, :'a', :'l', :'s1', :'s1'),
                 '23505', null, 'a second booked appointment for the same lead and time is impossible');
select is((select count(*)::integer from public.appointments where lead_id = :'l'), 1, 'still one appointment');

-- TEST: an ambiguous reply: a setter task, no booking.
select tests.create_lead(:'a', '+13055550102', 'ben@example.com', p_timezone => 'America/New_York') as l2 \gset
select tests.offer(:'a', :'l2', array[:'s1', :'s2']::timestamptz[]);
select tests.inbound_message(:'a', :'l2', format('%s or %s works', tests.day_en(:'s1'), tests.day_en(:'s2')), now()) as m2 \gset
select is(brain.record_reply_sentiment(:'m2', 'Interested', 'llm', 'interested', 0.9) -> 'booking' ->> 'decision', 'setter_task',
          'two days named: a setter decides');
select is((select (kind, status, reason)::text from public.setter_tasks where lead_id = :'l2'),
          '(confirm_slot,open,"the reply fits more than one offered slot")', 'an open confirm_slot task says why');

select * from finish();
rollback;
