-- Only the lead's latest reply gets a draft: a newer one (on any channel, classified
-- or not) makes this one moot.
begin;
select plan(3);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'lead@example.com') as l \gset
select tests.inbound_message(:'a', :'l', 'Interested!', :'now'::timestamptz - interval '10 minutes') as m \gset
select brain.record_reply_sentiment(:'m', 'Interested', 'llm', 'yes', 0.9, :'now');

-- TEST: the latest reply is wanted.
select is(brain.ai_draft_plan(:'m', :'now') ->> 'wanted', 'true', 'the latest reply: wanted');

-- TEST: a newer reply on another channel, not yet classified.
select tests.inbound_message(:'a', :'l', 'also, can you email me the brochure', :'now'::timestamptz - interval '1 minute', 'email') as newer \gset
select results_eq(format($$select r ->> 'wanted', r ->> 'reason' from (select brain.ai_draft_plan(%L, %L) r) x$$, :'m', :'now'),
  $$values ('false'::text, 'the lead has replied again since'::text)$$, 'a newer reply: not wanted');
select brain.record_reply_sentiment(:'newer', 'Follow Up', 'llm', 'asks for a brochure', 0.9, :'now');
select is(brain.ai_draft_plan(:'newer', :'now') ->> 'wanted', 'true', 'the newer reply is the one answered');

select * from finish();
rollback;
