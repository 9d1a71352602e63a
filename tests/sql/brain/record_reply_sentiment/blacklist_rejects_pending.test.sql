-- Blacklist or Automated Reply rejects every pending draft of the lead, even one that
-- answers a newer reply (an opt-out classified late); other tags reject only the
-- drafts of older replies. Other leads' drafts are untouched.
begin;
select plan(8);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'a', '+13055550102') as l_auto \gset
select tests.create_lead(:'a', '+13055550103') as l_ooo \gset
select tests.create_lead(:'a', '+13055550104') as bystander \gset

-- Each lead: an earlier reply not yet classified, then a newer one with a pending draft.
select tests.inbound_message(:'a', :'l', 'Remove me from your list', :'now'::timestamptz - interval '20 minutes') as stop \gset
select tests.inbound_message(:'a', :'l_auto', 'Thanks for your message', :'now'::timestamptz - interval '20 minutes') as auto \gset
select tests.inbound_message(:'a', :'l_ooo', 'Out of office until Monday', :'now'::timestamptz - interval '20 minutes') as ooo \gset
select tests.pending_ai_draft(:'a', :'l', :'now') as d \gset
select tests.pending_ai_draft(:'a', :'l_auto', :'now') as d_auto \gset
select tests.pending_ai_draft(:'a', :'l_ooo', :'now') as d_ooo \gset
select tests.pending_ai_draft(:'a', :'bystander', :'now') as d_bystander \gset

-- TEST: Blacklist.
select is(brain.record_reply_sentiment(:'stop', 'Blacklist', 'llm', 'asks to be removed', 0.99, :'now') -> 'drafts_rejected', '1'::jsonb,
  'Blacklist: one draft rejected');
select results_eq(format($$select status, decided_by, decided_at, decision_reason from public.ai_drafts where id = %L$$, :'d'),
  format($$values ('rejected'::text, 'system'::text, %L::timestamptz, 'the lead''s reply was tagged Blacklist'::text)$$, :'now'),
  'the newer reply''s pending draft is rejected by system, the reason given');
select results_eq(format($$select payload ->> 'by', payload ->> 'reason', payload ->> 'inbound_message_id' from public.core_memory_events where event_type = 'ai_draft_rejected' and payload ->> 'ai_draft_id' = %L$$, :'d'),
  format($$values ('system'::text, 'tagged Blacklist'::text, %L::text)$$, :'stop'),
  'an ai_draft_rejected event');

-- TEST: Automated Reply.
select brain.record_reply_sentiment(:'auto', 'Automated Reply', 'rules', 'automatic reply', 1, :'now');
select is((select status from public.ai_drafts where id = :'d_auto'), 'rejected', 'Automated Reply: the pending draft is rejected');
select is((select decision_reason from public.ai_drafts where id = :'d_auto'), 'the lead''s reply was tagged Automated Reply', 'its reason');

-- TEST: another tag on an older reply leaves the newer reply's draft alone.
select is(brain.record_reply_sentiment(:'ooo', 'Out of Office', 'rules', 'out of office', 1, :'now') -> 'drafts_rejected', '0'::jsonb,
  'Out of Office on an older reply: nothing rejected');
select is((select status from public.ai_drafts where id = :'d_ooo'), 'pending', 'the draft stays pending');

-- TEST: other leads untouched.
select is((select status from public.ai_drafts where id = :'d_bystander'), 'pending', 'another lead''s draft stays pending');

select * from finish();
rollback;
