-- A draft of 1-1600 characters with a confidence of 0-1, for a message that exists:
-- anything else is refused before anything is written.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.inbound_message(:'a', :'l', 'yes', :'now'::timestamptz - interval '5 minutes') as m \gset
select brain.record_reply_sentiment(:'m', 'Interested', 'llm', 'yes', 0.9, :'now');

-- TEST: refused.
select throws_ok(format($$select brain.record_ai_draft(%L, null, null, 0.9, 'ok', 'gpt-test', false)$$, :'m'), '22023', 'invalid_argument', 'no body');
select throws_ok(format($$select brain.record_ai_draft(%L, repeat('x', 1601), null, 0.9, 'ok', 'gpt-test', false)$$, :'m'), '22023', 'invalid_argument',
  '1601 characters');
select throws_ok(format($$select brain.record_ai_draft(%L, 'Hi', null, 1.01, 'ok', 'gpt-test', false)$$, :'m'), '22023', 'invalid_argument',
  'confidence above 1');
select throws_ok($$select brain.record_ai_draft(gen_random_uuid(), 'Hi', null, 0.9, 'ok', 'gpt-test', false)$$, 'P0002', 'message_not_found',
  'an unknown message');

-- TEST: the limit itself is accepted.
select is(brain.record_ai_draft(:'m', repeat('x', 1600), null, 0.9, 'ok', 'gpt-test', true, :'now') ->> 'created', 'true', '1600 characters: created');

select * from finish();
rollback;
