-- The inbound_post_process job (revenue_worker) records drafts; the API role may not.
begin;
select plan(3);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.inbound_message(:'a', :'l', 'Yes, interested', :'now'::timestamptz - interval '5 minutes') as m \gset
select brain.record_reply_sentiment(:'m', 'Interested', 'llm', 'yes', 0.9, :'now');

-- TEST: revenue_api is refused.
select tests.act_as('revenue_api', :'a');
select throws_ok(format($$select brain.record_ai_draft(%L, 'Hi', null, 0.9, 'ok', 'gpt-test', false)$$, :'m'), '42501', null,
  'revenue_api cannot record a draft');
reset role;

-- TEST: revenue_worker records it.
select tests.act_as('revenue_worker', null);
select lives_ok(format($$select brain.record_ai_draft(%L, 'Hi, when suits you?', null, 0.9, 'ok', 'gpt-test', false, %L)$$, :'m', :'now'),
  'revenue_worker records the draft');
reset role;
select is((select count(*)::int from public.ai_drafts where inbound_message_id = :'m'), 1, 'the worker''s draft exists');

select * from finish();
rollback;
