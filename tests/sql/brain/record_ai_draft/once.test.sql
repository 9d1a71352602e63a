-- One draft per reply: a second call (a retried job) answers created false with the
-- draft already there and changes nothing.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_campaign(:'a') as c \gset
update public.campaigns set response_mode = 'ai_auto_send' where id = :'c';
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz + interval '30 days');
select tests.inbound_message(:'a', :'l', 'yes', :'now'::timestamptz - interval '5 minutes') as m \gset
select brain.record_reply_sentiment(:'m', 'Interested', 'llm', 'yes', 0.9, :'now');

select brain.record_ai_draft(:'m', 'First text', null, 0.99, 'ok', 'gpt-test', false, :'now') ->> 'draft_id' as d \gset
select brain.record_ai_draft(:'m', 'Second text', null, 0.99, 'ok', 'gpt-test', false, :'now'::timestamptz + interval '1 minute') as again \gset

-- TEST: the second call.
select is(:'again'::jsonb, jsonb_build_object('created', false, 'reason', 'the reply already has a draft', 'draft_id', :'d'),
  'created false, the draft named');
select is((select count(*)::int from public.ai_drafts where lead_id = :'l'), 1, 'one draft');
select is((select body from public.ai_drafts where id = :'d'), 'First text', 'the first text stands');
select is((select count(*)::int from public.touch_runs where lead_id = :'l'), 1, 'one touch');

-- TEST: refused arguments.
select throws_ok(format($$select brain.record_ai_draft(%L, '   ', null, 0.9, 'ok', 'gpt-test', false)$$, :'m'), '22023', 'invalid_argument',
  'a blank draft: invalid_argument');

select * from finish();
rollback;
