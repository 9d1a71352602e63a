-- Below the campaign's threshold a draft waits for a person: needs_review, the reason
-- names both numbers, no touch. At the threshold exactly, it goes.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.create_campaign(:'a') as c \gset
update public.campaigns set response_mode = 'ai_auto_send', auto_send_threshold = 0.75 where id = :'c';
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz + interval '30 days');
select tests.enroll(:'a', :'c', :'l2', :'now'::timestamptz + interval '30 days');
select tests.inbound_message(:'a', :'l', 'yes', :'now'::timestamptz - interval '5 minutes') as m \gset
select tests.inbound_message(:'a', :'l2', 'yes', :'now'::timestamptz - interval '5 minutes') as m2 \gset
select brain.record_reply_sentiment(:'m', 'Interested', 'llm', 'yes', 0.9, :'now');
select brain.record_reply_sentiment(:'m2', 'Interested', 'llm', 'yes', 0.9, :'now');

select brain.record_ai_draft(:'m', 'Great, when suits you?', null, 0.5, 'unsure about the price', 'gpt-test', false, :'now') as r \gset

-- TEST: held.
select results_eq(format($$select r ->> 'action', r ->> 'reason', r ? 'touch_run_id', r ? 'send_after' from (select %L::jsonb r) x$$, :'r'),
  $$values ('needs_review'::text, 'confidence 0.50 below the threshold 0.75'::text, false, false)$$,
  'needs_review: confidence 0.50 below the threshold 0.75');
select results_eq(format($$select status, auto_send_action, touch_run_id, send_after, decided_at, confidence_reason from public.ai_drafts where id = %L$$, :'r'::jsonb ->> 'draft_id'),
  $$values ('pending'::text, 'needs_review'::text, null::uuid, null::timestamptz, null::timestamptz, 'unsure about the price'::text)$$,
  'the draft is pending, with no touch');
select is((select count(*)::int from public.touch_runs where lead_id = :'l'), 0, 'no touch');

-- TEST: at the threshold exactly.
select brain.record_ai_draft(:'m2', 'Great, when suits you?', null, 0.75, 'ok', 'gpt-test', false, :'now') as r2 \gset
select is(:'r2'::jsonb ->> 'action', 'auto_send', 'confidence equal to the threshold: auto_send');
select is((select count(*)::int from public.touch_runs where lead_id = :'l2'), 1, 'one touch');

select * from finish();
rollback;
