-- The sources raise events: a reply tagged Interested once (whatever re-tags or replays
-- it), Meeting Requested as meeting_requested, a booked appointment, an AI draft that
-- needs review; never the message's text.
begin;
select plan(10);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.notification_member(:'a', 'owner') as owner \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
update public.leads set first_name = 'Ana', last_name = 'Diaz' where id = :'l';

-- TEST: a tag update raises positive_reply once.
select tests.inbound_message(:'a', :'l', 'Yes, I want the blue one, call me at 555', :'now'::timestamptz - interval '5 minutes') as m \gset
select brain.record_reply_sentiment(:'m', 'Interested', 'llm', 'wants it', 0.9, :'now');
select brain.record_reply_sentiment(:'m', 'Interested', 'llm', 'wants it', 0.9, :'now');
update public.inbound_messages set sentiment_reason = 'again' where id = :'m';
select results_eq(format($$select kind, lead_id, subject_id, payload ->> 'tag', dedupe_key from public.notification_events where account_id = %L$$, :'a'),
  format($$values ('positive_reply'::text, %L::uuid, %L::uuid, 'Interested'::text, %L::text)$$, :'l', :'m', 'positive_reply:' || :'m'),
  'one positive_reply event for the message, keyed by it');
select is((select count(*)::int from public.notification_events e where e.account_id = :'a' and e.payload::text ~ 'blue one'), 0,
  'the reply''s text is not in the event');

-- TEST: the owner sees it in the bell at once (in_app realtime by default); email waits for the digest.
select results_eq(format($$select channel, kind, status from public.notification_deliveries where account_id = %L order by channel$$, :'a'),
  $$values ('in_app'::text, 'realtime'::text, 'sent'::text)$$,
  'one in_app delivery, sent; no realtime email by default');

-- TEST: Meeting Requested raises meeting_requested.
select tests.inbound_message(:'a', :'l', 'Can we meet Tuesday?', :'now'::timestamptz - interval '4 minutes') as m2 \gset
select brain.record_reply_sentiment(:'m2', 'Meeting Requested', 'llm', 'asks to meet', 0.9, :'now');
select is((select kind from public.notification_events where subject_id = :'m2'), 'meeting_requested', 'Meeting Requested → meeting_requested');

-- TEST: other tags raise nothing.
select tests.inbound_message(:'a', :'l', 'Not now', :'now'::timestamptz - interval '3 minutes') as m3 \gset
select brain.record_reply_sentiment(:'m3', 'Not Interested', 'llm', 'declines', 0.9, :'now');
select is((select count(*)::int from public.notification_events where subject_id = :'m3'), 0, 'Not Interested raises nothing');

-- TEST: a booked appointment raises booked, once.
select tests.book_appointment(:'a', :'l', :'now'::timestamptz + interval '2 days') as ap \gset
update public.appointments set booked_by = 'user:x' where id = :'ap';
select results_eq(format($$select kind, lead_id, (payload ->> 'start_at')::timestamptz from public.notification_events where subject_id = %L$$, :'ap'),
  format($$values ('booked'::text, %L::uuid, %L::timestamptz)$$, :'l', (:'now'::timestamptz + interval '2 days')::text),
  'booked event with the meeting''s start');
select is((select count(*)::int from public.notification_events where dedupe_key = 'booked:' || :'ap'), 1, 'once');

-- TEST: an appointment recorded as canceled raises nothing.
insert into public.appointments (account_id, lead_id, status, start_at, end_at, time_zone, provider, source, canceled_at)
values (:'a', :'l', 'canceled', :'now'::timestamptz + interval '3 days', :'now'::timestamptz + interval '3 days 30 minutes', 'America/New_York', 'manual', 'setter', :'now')
returning id as ap2 \gset
select is((select count(*)::int from public.notification_events where subject_id = :'ap2'), 0, 'a canceled appointment raises nothing');

-- TEST: a draft that needs review raises draft_needs_review (without its text).
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.pending_ai_draft(:'a', :'l2', :'now') as d \gset
select results_eq(format($$select kind, lead_id from public.notification_events where subject_id = %L$$, :'d'),
  format($$values ('draft_needs_review'::text, %L::uuid)$$, :'l2'), 'draft_needs_review for the draft');
select is((select count(*)::int from public.notification_events e where e.subject_id = :'d' and e.payload::text ~ 'When could you come by'), 0,
  'the draft''s text is not in the event');

select * from finish();
rollback;
