-- A booking the provider refuses (or that cannot be tried) becomes a setter task with
-- the reason, and the reason is on the lead's timeline; no appointment is written and
-- the lead is not moved. An attempt found "calling" (the worker died mid-call) is never
-- called again: it fails to a person.
begin;
select plan(8);

select tests.booking_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', 'high_intent', p_timezone => 'America/New_York') as l \gset
select tests.local_at(2, '10:00') as s1, tests.local_at(3, '15:30') as s2 \gset
select tests.fresh_slots(:'a', array[:'s1', :'s2']::timestamptz[]);
select tests.offer(:'a', :'l', array[:'s1', :'s2']::timestamptz[]);
select tests.inbound_message(:'a', :'l', 'the first one', now()) as m \gset
select brain.record_reply_sentiment(:'m', 'Interested', 'llm', 'picks a slot', 0.9);
select id as att from public.booking_attempts where lead_id = :'l' \gset

-- TEST: claimed, then refused by the provider.
select is(brain.claim_booking_attempt(:'att') ->> 'claimed', 'true', 'claimed');
select is(brain.record_booking_result(:'att', false, null, null, 'Calendly answered HTTP 400: The selected time is no longer available.') ->> 'outcome',
          'failed', 'recorded as failed');
select is((select (kind, status)::text from public.setter_tasks where lead_id = :'l'), '(booking_failed,open)', 'a booking_failed task for a setter');
select ok((select reason from public.setter_tasks where lead_id = :'l') like '%no longer available%', 'the task says why');
select is((select payload ->> 'reason' from public.core_memory_events where lead_id = :'l' and event_type = 'booking_failed'),
          'Calendly answered HTTP 400: The selected time is no longer available.', 'the reason is on the timeline');
select is((select count(*)::integer from public.appointments where lead_id = :'l'), 0, 'no appointment');
select is((select lead_state from public.leads where id = :'l'), 'high_intent', 'the lead stays high_intent');

-- TEST: an attempt left "calling" is not called again.
insert into public.booking_attempts (account_id, lead_id, slot_start, slot_end, time_zone, status, claimed_at)
values (:'a', :'l', :'s2', :'s2'::timestamptz + interval '30 minutes', 'America/New_York', 'calling', now() - interval '5 minutes')
returning id as att2 \gset
select is(brain.claim_booking_attempt(:'att2') ->> 'reason', 'interrupted', 'an interrupted call is handed to a person, not repeated');

select * from finish();
rollback;
