-- A draft goes out as a touch without a campaign on step 99 (attempts shared with an
-- operator's messages): queued now, or scheduled when later; its payload carries the
-- draft's text and recipients and names the draft.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'pat@example.com') as l \gset
select public.queue_manual_message(:'l', 'email', 'An operator''s note', 'Hello', 'console:ops', :'now'::timestamptz - interval '1 hour') as manual \gset
select tests.inbound_message(:'a', :'l', 'Can we meet?', :'now'::timestamptz - interval '5 minutes', 'email', 'jordan@buyer.example.com', 'Your quote') as m \gset
select brain.record_reply_sentiment(:'m', 'Meeting Requested', 'llm', 'asks to meet', 0.9, :'now');
select brain.record_ai_draft(:'m', 'Tuesday at 10?', null, 0.9, 'ok', 'gpt-test', true, :'now') ->> 'draft_id' as d \gset

select brain.queue_ai_draft_touch(:'d', :'now', 'user:tester', :'now') as t \gset
select brain.queue_ai_draft_touch(:'d', :'now'::timestamptz + interval '5 minutes', 'user:tester', :'now') as later \gset

-- TEST: the touch.
select results_eq(format($$select status, scheduled_at, campaign_id, step, attempt, channel::text from public.touch_runs where id = %L$$, :'t'),
  format($$values ('queued'::text, %L::timestamptz, null::uuid, 99, 2, 'email'::text)$$, :'now'),
  'queued now, no campaign, step 99, attempt 2 after the operator''s message');
select results_eq(format($$select status, scheduled_at, attempt from public.touch_runs where id = %L$$, :'later'),
  format($$values ('scheduled'::text, %L::timestamptz, 3)$$, :'now'::timestamptz + interval '5 minutes'),
  'a later time: scheduled for it');

-- TEST: the payload.
select is((select payload from public.touch_runs where id = :'t'),
  jsonb_build_object('message_class', 'ai_reply',
    'delivery', jsonb_build_object('body', 'Tuesday at 10?', 'subject', 'Re: Your quote', 'to', 'jordan@buyer.example.com', 'cc', jsonb_build_array('pat@example.com')),
    'meta', jsonb_build_object('source', 'ai_inbox', 'ai_draft_id', :'d', 'inbound_message_id', :'m', 'created_by', 'user:tester')),
  'payload: ai_reply, delivery body/subject/to/cc, meta naming the draft and the reply');
select is((select payload -> 'meta' ->> 'transactional' from public.touch_runs where id = :'t'), null,
  'not transactional: suppression and the send window apply');

-- TEST: an unknown draft.
select throws_ok($$select brain.queue_ai_draft_touch(gen_random_uuid(), now(), 'x')$$, 'P0002', 'draft_not_found', 'unknown draft: draft_not_found');

select * from finish();
rollback;
