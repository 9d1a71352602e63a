-- A message is classified once: the first call records its tag and a reply_classified
-- event; a later call (a replayed webhook, a retried job) answers recorded false with
-- the tag already there and changes nothing.
begin;
select plan(8);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.inbound_message(:'a', :'l', 'Sure, send me the details', :'now'::timestamptz - interval '5 minutes') as m \gset
select tests.inbound_message(:'a', :'l', 'ok', :'now'::timestamptz - interval '4 minutes') as m2 \gset

select brain.record_reply_sentiment(:'m', 'Interested', 'llm', 'wants the details', 0.8, :'now') as first \gset
select brain.record_reply_sentiment(:'m', 'Not Interested', 'rules', 'other', 1, :'now'::timestamptz + interval '1 hour') as second \gset

-- TEST: the first call records.
select is(:'first'::jsonb - 'plan', '{"recorded": true, "tag": "Interested", "source": "llm", "reason": "wants the details", "drafts_rejected": 0}'::jsonb,
  'first call: recorded, its tag');
select results_eq(format($$select sentiment_tag, sentiment_source, sentiment_reason, sentiment_confidence, classified_at from public.inbound_messages where id = %L$$, :'m'),
  format($$values ('Interested'::text, 'llm'::text, 'wants the details'::text, 0.8::real, %L::timestamptz)$$, :'now'),
  'the message carries tag, source, reason, confidence, classified_at = p_now');
select results_eq(
  format($$select payload, channel::text, direction, created_at, dedupe_key from public.core_memory_events where lead_id = %L and event_type = 'reply_classified'$$, :'l'),
  format($$values (%L::jsonb, 'sms'::text, 'internal'::text, %L::timestamptz, %L::text)$$,
         jsonb_build_object('inbound_message_id', :'m', 'tag', 'Interested', 'source', 'llm', 'reason', 'wants the details', 'confidence', 0.8::real),
         :'now', 'reply_classified:' || :'m'),
  'a reply_classified event says what, who and why');

-- TEST: the second call wins nothing.
select is(:'second'::jsonb - 'plan', '{"recorded": false, "tag": "Interested", "source": "llm", "reason": "wants the details", "drafts_rejected": 0}'::jsonb,
  'second call with another tag: recorded false, the first tag');
select results_eq(format($$select sentiment_tag, classified_at from public.inbound_messages where id = %L$$, :'m'),
  format($$values ('Interested'::text, %L::timestamptz)$$, :'now'), 'the message keeps the first tag and time');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'reply_classified'), 1, 'one event');
select is(:'second'::jsonb -> 'plan' ->> 'tag', 'Interested', 'the plan is the recorded tag''s');

-- TEST: without a reason, the source is the reason.
select brain.record_reply_sentiment(:'m2', 'Neutral', 'no_key', '   ', null, :'now');
select is((select sentiment_reason from public.inbound_messages where id = :'m2'), 'no_key', 'a blank reason records the source');

select * from finish();
rollback;
