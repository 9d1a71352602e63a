-- The inbound_post_process job runs as revenue_worker and may classify; the API role
-- may not call the AI stage's functions at all.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.inbound_message(:'a', :'l', 'What are your hours?', :'now'::timestamptz - interval '5 minutes') as m \gset

-- TEST: revenue_api is refused.
select tests.act_as('revenue_api', :'a');
select throws_ok(format($$select brain.begin_reply_understanding(%L, false)$$, :'m'), '42501', null,
  'revenue_api cannot call begin_reply_understanding');
select throws_ok(format($$select brain.record_reply_sentiment(%L, 'Interested', 'llm', 'x')$$, :'m'), '42501', null,
  'revenue_api cannot call record_reply_sentiment');
reset role;

-- TEST: revenue_worker classifies.
select tests.act_as('revenue_worker', null);
select lives_ok(format($$select brain.begin_reply_understanding(%L, false, %L)$$, :'m', :'now'),
  'revenue_worker calls begin_reply_understanding');
reset role;
select is((select sentiment_tag from public.inbound_messages where id = :'m'), 'Neutral', 'the worker''s call recorded the tag');

select * from finish();
rollback;
