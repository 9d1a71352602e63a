-- A newer reply makes the lead's older drafts moot: a pending one is rejected, an
-- auto-sent one whose touch is still scheduled is rejected and its touch canceled
-- (draft_superseded); a draft a person approved stands, its touch untouched.
begin;
select plan(9);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.create_campaign(:'a') as c \gset
update public.campaigns set response_mode = 'ai_auto_send' where id = :'c';
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz + interval '30 days');

-- A reply, its draft approved by a person (touch queued) ...
select tests.inbound_message(:'a', :'l', 'Yes, interested', :'now'::timestamptz - interval '30 minutes') as m1 \gset
select brain.record_reply_sentiment(:'m1', 'Interested', 'llm', 'yes', 0.9, :'now'::timestamptz - interval '29 minutes');
select brain.record_ai_draft(:'m1', 'Great, when can you come?', null, 0.99, 'ok', 'gpt-test', true, :'now'::timestamptz - interval '29 minutes') ->> 'draft_id' as d1 \gset
select public.approve_ai_draft(:'d1', 'user:setter', null, null, null, null, :'now'::timestamptz - interval '28 minutes') ->> 'touch_run_id' as t1 \gset
-- ... a second reply, its draft auto-sent (touch scheduled) ...
select tests.inbound_message(:'a', :'l', 'What about Saturday?', :'now'::timestamptz - interval '20 minutes') as m2 \gset
select brain.record_reply_sentiment(:'m2', 'Meeting Requested', 'llm', 'proposes a day', 0.9, :'now'::timestamptz - interval '19 minutes') as r2 \gset
select brain.record_ai_draft(:'m2', 'Saturday works: 10am?', null, 0.99, 'ok', 'gpt-test', false, :'now'::timestamptz - interval '19 minutes') as a2 \gset
select :'a2'::jsonb ->> 'draft_id' as d2, :'a2'::jsonb ->> 'touch_run_id' as t2 \gset
-- ... and a third reply.
select tests.inbound_message(:'a', :'l', 'Actually, Sunday is better', :'now'::timestamptz - interval '5 minutes') as m3 \gset

-- Another lead: a pending draft, then a newer reply.
select tests.pending_ai_draft(:'a', :'l2', :'now') as p \gset
select tests.inbound_message(:'a', :'l2', 'hello?', :'now'::timestamptz - interval '1 minute') as p2 \gset

-- TEST: the second reply did not touch the person's approval.
select is(:'r2'::jsonb -> 'drafts_rejected', '0'::jsonb, 'a newer reply leaves a draft a person approved alone');
select is(:'a2'::jsonb ->> 'action', 'auto_send', 'the second draft was auto-sent');

-- TEST: the third reply supersedes the auto-sent draft.
select is(brain.record_reply_sentiment(:'m3', 'Follow Up', 'llm', 'changes the day', 0.8, :'now') -> 'drafts_rejected', '1'::jsonb,
  'one draft rejected');
select results_eq(format($$select status, error_code from public.touch_runs where id = %L$$, :'t2'),
  $$values ('canceled'::text, 'draft_superseded'::text)$$, 'the auto-send touch is canceled: draft_superseded');
select results_eq(format($$select status, decided_by, decision_reason from public.ai_drafts where id = %L$$, :'d2'),
  $$values ('rejected'::text, 'system'::text, 'the lead replied again'::text)$$, 'the auto-sent draft is rejected');
select is((select payload ->> 'ai_draft_id' from public.core_memory_events where event_type = 'touch_canceled' and payload ->> 'touch_run_id' = :'t2'),
  :'d2', 'the touch_canceled event names the draft');

-- TEST: the person's approval stands.
select results_eq(format($$select d.status, t.status from public.ai_drafts d join public.touch_runs t on t.id = d.touch_run_id where d.id = %L$$, :'d1'),
  $$values ('approved'::text, 'queued'::text)$$, 'the approved draft and its queued touch are untouched');

-- TEST: a pending draft of an older reply is rejected.
select brain.record_reply_sentiment(:'p2', 'Neutral', 'no_key', 'no key', null, :'now');
select results_eq(format($$select status, decision_reason from public.ai_drafts where id = %L$$, :'p'),
  $$values ('rejected'::text, 'the lead replied again'::text)$$, 'even a Neutral newer reply rejects the older pending draft');
select is((select count(*)::int from public.touch_runs where lead_id = :'l2'), 0, 'and it had no touch to cancel');

select * from finish();
rollback;
