-- The plan is read again when the draft arrives: a lead who opted out, or replied
-- again, while the model was writing gets no draft.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.inbound_message(:'a', :'l', 'yes', :'now'::timestamptz - interval '5 minutes') as m \gset
select tests.inbound_message(:'a', :'l2', 'yes', :'now'::timestamptz - interval '5 minutes') as m2 \gset
select brain.record_reply_sentiment(:'m', 'Interested', 'llm', 'yes', 0.9, :'now'::timestamptz - interval '4 minutes');
select brain.record_reply_sentiment(:'m2', 'Interested', 'llm', 'yes', 0.9, :'now'::timestamptz - interval '4 minutes');

-- The lead opts out (an operator's stop) while the model writes; the other replies again.
insert into public.suppressions (account_id, phone, reason, lead_id, created_at)
values (:'a', '+13055550101', 'operator_stop', :'l', :'now'::timestamptz - interval '1 minute');
select tests.inbound_message(:'a', :'l2', 'hello?', :'now'::timestamptz - interval '1 minute');

-- TEST: no drafts.
select is(brain.record_ai_draft(:'m', 'See you Saturday', null, 0.99, 'ok', 'gpt-test', false, :'now'),
  '{"created": false, "reason": "the lead is suppressed (suppression:operator_stop)", "draft_id": null}'::jsonb,
  'opted out meanwhile: created false, the reason');
select is(brain.record_ai_draft(:'m2', 'See you Saturday', null, 0.99, 'ok', 'gpt-test', false, :'now') ->> 'reason',
  'the lead has replied again since', 'replied again meanwhile: created false');
select is((select count(*)::int from public.ai_drafts where lead_id in (:'l', :'l2')), 0, 'no drafts');
select is((select count(*)::int from public.core_memory_events where lead_id in (:'l', :'l2') and event_type = 'ai_draft_created'), 0, 'no ai_draft_created events');

select * from finish();
rollback;
