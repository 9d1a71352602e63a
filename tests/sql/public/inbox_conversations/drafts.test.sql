-- The drafts a row carries: the pending draft with why it needs review; once a person
-- approves it, the queued touch (the row stays until the message goes out, then the
-- lead drops out); an auto-sent draft's send_after; nothing after a rejection.
begin;
select plan(7);

select tests.create_account() as a \gset
select tests.create_user(:'a', 'setter') as setter \gset
select tests.create_lead(:'a', '+13055550301') as l \gset
select tests.create_lead(:'a', '+13055550302') as auto \gset
select tests.create_lead(:'a', '+13055550303') as rejected \gset
select tests.pending_ai_draft(:'a', :'l', now(), 'We open at 9. Want to come by?') as d \gset
select tests.auto_sent_ai_draft(:'a', :'auto', now(), 300) as auto_draft \gset
select tests.pending_ai_draft(:'a', :'rejected', now()) as rejected_draft \gset

-- TEST: the pending draft and why it needs a person.
select results_eq(
  format($$select draft_id, draft_channel, draft_sentiment_tag, draft_body, draft_subject, draft_confidence, draft_confidence_reason,
                  draft_auto_send_action, draft_auto_send_reason, approved_draft_id
           from public.inbox_conversations where lead_id = %L$$, :'l'),
  format($$values (%L::uuid, 'sms'::text, 'Interested'::text, 'We open at 9. Want to come by?'::text, null::text, 0.9::real, 'fine'::text,
                   'needs_review'::text, 'AUTO_SEND_DISABLED=1'::text, null::uuid)$$, :'d'),
  'the pending draft: text, confidence and why it needs review');
select is((select draft_created_at from public.inbox_conversations where lead_id = :'l'),
          (select created_at from public.ai_drafts where id = :'d'), 'when it was drafted');

-- TEST: an auto-sent draft waiting for its time.
select results_eq(
  format($$select draft_id, approved_draft_id, approved_draft_by, approved_draft_send_after, approved_draft_touch_status
           from public.inbox_conversations where lead_id = %L$$, :'auto'),
  format($$select null::uuid, %1$L::uuid, 'auto_send'::text, send_after, 'scheduled'::text from public.ai_drafts where id = %1$L$$, :'auto_draft'),
  'an auto-sent draft: who approved it, when it goes out, its touch scheduled');
select isnt((select approved_draft_send_after from public.inbox_conversations where lead_id = :'auto'), null, 'send_after is set');

-- TEST: approved by a person (as the console does it, under RLS): queued, no longer pending.
select tests.act_as('revenue_api', :'a');
select public.approve_ai_draft(:'d', 'user:' || :'setter', :'setter'::uuid) ->> 'outcome';
select public.reject_ai_draft(:'rejected_draft', 'user:' || :'setter', :'setter'::uuid);
select results_eq(
  format($$select draft_id, approved_draft_id, approved_draft_by, approved_draft_send_after, approved_draft_touch_status
           from public.inbox_conversations where lead_id = %L$$, :'l'),
  format($$values (null::uuid, %L::uuid, %L::text, null::timestamptz, 'queued'::text)$$, :'d', 'user:' || :'setter'),
  'approved: no pending draft, the approved draft queued');
select results_eq(
  format($$select draft_id, approved_draft_id, sentiment_tag from public.inbox_conversations where lead_id = %L$$, :'rejected'),
  $$values (null::uuid, null::uuid, 'Interested'::text)$$,
  'rejected: the reply still waits for an answer, without a draft');
reset role;

-- TEST: once its touch is sent, the conversation is answered.
update public.touch_runs set status = 'sending', claimed_at = now(), claimed_by = 'tests'
where id = (select touch_run_id from public.ai_drafts where id = :'d');
update public.touch_runs set status = 'sent', sent_at = now() + interval '1 second'
where id = (select touch_run_id from public.ai_drafts where id = :'d');
select is_empty(format('select 1 from public.inbox_conversations where lead_id = %L', :'l'), 'sent: the lead leaves the Inbox');

select * from finish();
rollback;
