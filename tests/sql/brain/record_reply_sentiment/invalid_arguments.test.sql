-- A tag outside the seed's set, an unknown source or a confidence outside 0-1 is
-- refused (22023) before anything is written; an unknown message is P0002.
begin;
select plan(7);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.inbound_message(:'a', :'l', 'hello', now() - interval '5 minutes') as m \gset

-- TEST: refused.
select throws_ok(format($$select brain.record_reply_sentiment(%L, 'Positive', 'llm', 'x')$$, :'m'), '22023', 'invalid_sentiment_tag',
  'a tag outside the set: invalid_sentiment_tag');
select throws_ok(format($$select brain.record_reply_sentiment(%L, 'interested', 'llm', 'x')$$, :'m'), '22023', 'invalid_sentiment_tag',
  'tags are spelled as the seed spells them');
select throws_ok(format($$select brain.record_reply_sentiment(%L, null, 'llm', 'x')$$, :'m'), '22023', 'invalid_sentiment_tag',
  'no tag: invalid_sentiment_tag');
select throws_ok(format($$select brain.record_reply_sentiment(%L, 'Interested', 'gpt', 'x')$$, :'m'), '22023', 'invalid_argument',
  'an unknown source: invalid_argument');
select throws_ok(format($$select brain.record_reply_sentiment(%L, 'Interested', 'llm', 'x', 1.5)$$, :'m'), '22023', 'invalid_argument',
  'confidence above 1: invalid_argument');
select throws_ok($$select brain.record_reply_sentiment(gen_random_uuid(), 'Interested', 'llm', 'x')$$, 'P0002', 'message_not_found',
  'an unknown message: message_not_found');

-- TEST: the bounds themselves are accepted.
select is(brain.record_reply_sentiment(:'m', 'Interested', 'llm', 'x', 0) ->> 'recorded', 'true', 'confidence 0 is accepted');

select * from finish();
rollback;
