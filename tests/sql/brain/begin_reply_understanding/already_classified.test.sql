-- A replay or a retried job: a message already classified is never classified again;
-- the answer carries the tag it has.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.inbound_message(:'a', :'l', 'Not interested', :'now'::timestamptz - interval '5 minutes') as m \gset
select tests.inbound_message(:'a', :'l', 'Sure, what time works?', :'now'::timestamptz - interval '4 minutes') as llm \gset

select brain.begin_reply_understanding(:'m', false, :'now') ->> 'tag' as first_tag \gset
select brain.begin_reply_understanding(:'m', true, :'now'::timestamptz + interval '1 hour') as again \gset

-- TEST: the second call.
select is(:'again'::jsonb - 'plan', jsonb_build_object('state', 'classified', 'already', true, 'recorded', false,
  'tag', 'Not Interested', 'source', 'rules', 'reason', 'not interested, plainly', 'drafts_rejected', 0),
  'already true, recorded false, the first tag');
select is(:'first_tag'::text, 'Not Interested', 'the first call tagged it');

-- TEST: nothing changes.
select results_eq(format($$select classified_at, sentiment_source from public.inbound_messages where id = %L$$, :'m'),
  format($$values (%L::timestamptz, 'rules'::text)$$, :'now'), 'classified_at stays the first call''s');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'reply_classified'), 1,
  'one reply_classified event');

-- TEST: a model's tag stands: the rules are not run over it, nor the model asked again.
select brain.record_reply_sentiment(:'llm', 'Meeting Requested', 'llm', 'asks for a time', 0.8, :'now');
select results_eq(format($$select r ->> 'state', r ->> 'already', r ->> 'tag', r ->> 'source' from (select brain.begin_reply_understanding(%L, true, %L) as r) x$$, :'llm', :'now'),
  $$values ('classified'::text, 'true'::text, 'Meeting Requested'::text, 'llm'::text)$$,
  'a message the model tagged: already, its tag');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'reply_classified'), 2,
  'still one event per message');

select * from finish();
rollback;
