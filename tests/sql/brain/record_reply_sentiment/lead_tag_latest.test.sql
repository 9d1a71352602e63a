-- The lead carries the tag of its latest classified reply: an older reply classified
-- later does not overwrite it; a newer one does.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.inbound_message(:'a', :'l', 'no', :'now'::timestamptz - interval '10 minutes') as older \gset
select tests.inbound_message(:'a', :'l', 'actually, can we talk tomorrow at 10?', :'now'::timestamptz - interval '5 minutes') as newer \gset
select tests.inbound_message(:'a', :'l', 'ping me next week', :'now'::timestamptz - interval '2 minutes') as newest \gset
select tests.inbound_message(:'a', :'l', 'next week works', :'now'::timestamptz - interval '1 minute') as last \gset

-- TEST: the newer reply first, then the older one.
select brain.record_reply_sentiment(:'newer', 'Meeting Requested', 'llm', 'asks for a call', 0.9, :'now');
select results_eq(format($$select sentiment_tag, sentiment_tagged_at from public.leads where id = %L$$, :'l'),
  format($$values ('Meeting Requested'::text, %L::timestamptz)$$, :'now'::timestamptz - interval '5 minutes'),
  'the lead takes the reply''s tag, tagged at its receipt');
select brain.record_reply_sentiment(:'older', 'Not Interested', 'rules', 'not interested, plainly', 1, :'now'::timestamptz + interval '1 minute');
select results_eq(format($$select sentiment_tag, sentiment_tagged_at from public.leads where id = %L$$, :'l'),
  format($$values ('Meeting Requested'::text, %L::timestamptz)$$, :'now'::timestamptz - interval '5 minutes'),
  'an older reply classified later does not overwrite it');

-- TEST: a newer reply does, and a newer reply with the same tag moves the time.
select brain.record_reply_sentiment(:'newest', 'Follow Up', 'llm', 'later', 0.7, :'now'::timestamptz + interval '2 minutes');
select results_eq(format($$select sentiment_tag, sentiment_tagged_at from public.leads where id = %L$$, :'l'),
  format($$values ('Follow Up'::text, %L::timestamptz)$$, :'now'::timestamptz - interval '2 minutes'),
  'the newest reply''s tag');
select brain.record_reply_sentiment(:'last', 'Follow Up', 'llm', 'later', 0.7, :'now'::timestamptz + interval '3 minutes');
select results_eq(format($$select sentiment_tag, sentiment_tagged_at from public.leads where id = %L$$, :'l'),
  format($$values ('Follow Up'::text, %L::timestamptz)$$, :'now'::timestamptz - interval '1 minute'),
  'same tag, newer reply: tagged_at follows it');

select * from finish();
rollback;
