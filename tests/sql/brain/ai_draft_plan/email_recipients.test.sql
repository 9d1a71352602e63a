-- An emailed reply is answered on email: from the lead itself, To the lead (no
-- to_address); from a colleague CC'd on the thread, To the colleague with the lead's
-- address CC'd. The subject is Re: the reply's.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'pat@example.com') as l \gset
select tests.inbound_message(:'a', :'l', 'Yes please send the quote', :'now'::timestamptz - interval '10 minutes', 'email', null, 'Your quote') as own \gset
select brain.record_reply_sentiment(:'own', 'Interested', 'llm', 'yes', 0.9, :'now');

-- TEST: from the lead.
select results_eq(format($$select r ->> 'wanted', r ->> 'channel', r ? 'to_address', r ? 'cc_addresses', r ->> 'subject' from (select brain.ai_draft_plan(%L, %L) r) x$$, :'own', :'now'),
  $$values ('true'::text, 'email'::text, false, false, 'Re: Your quote'::text)$$,
  'the lead''s own reply: on email, to the lead, Re: its subject');

-- TEST: from a colleague.
select tests.inbound_message(:'a', :'l', 'I handle purchasing for Pat: can we meet?', :'now'::timestamptz - interval '5 minutes', 'email',
  'Jordan.Buyer@Example.com', 'RE: Your quote') as colleague \gset
select brain.record_reply_sentiment(:'colleague', 'Meeting Requested', 'llm', 'asks to meet', 0.9, :'now');
select results_eq(format($$select r ->> 'wanted', r ->> 'to_address', r -> 'cc_addresses', r ->> 'subject' from (select brain.ai_draft_plan(%L, %L) r) x$$, :'colleague', :'now'),
  $$values ('true'::text, 'jordan.buyer@example.com'::text, '["pat@example.com"]'::jsonb, 'RE: Your quote'::text)$$,
  'a colleague''s reply: To the colleague, the lead CC''d; an existing RE: kept');

-- TEST: what record_ai_draft makes of it.
select brain.record_ai_draft(:'colleague', 'Happy to meet: Tuesday at 10?', null, 0.9, 'ok', 'gpt-test', true, :'now') ->> 'draft_id' as d \gset
select results_eq(format($$select to_address, cc_addresses, subject from public.ai_drafts where id = %L$$, :'d'),
  $$values ('jordan.buyer@example.com'::text, array['pat@example.com']::text[], 'RE: Your quote'::text)$$,
  'the draft: to the colleague, cc the lead, the subject');

-- TEST: an SMS reply has neither subject nor recipients.
select tests.inbound_message(:'a', :'l', 'text me instead', :'now'::timestamptz - interval '1 minute') as sms \gset
select brain.record_reply_sentiment(:'sms', 'Follow Up', 'llm', 'prefers text', 0.9, :'now');
select results_eq(format($$select r ->> 'channel', r ? 'subject', r ? 'to_address' from (select brain.ai_draft_plan(%L, %L) r) x$$, :'sms', :'now'),
  $$values ('sms'::text, false, false)$$, 'sms: no subject, no to_address');

-- TEST: an emailed reply without a subject.
update public.org_settings set business_name = 'Sunshine Motors' where account_id = :'a';
select tests.inbound_message(:'a', :'l', 'still interested', :'now'::timestamptz, 'email') as nosubject \gset
select brain.record_reply_sentiment(:'nosubject', 'Interested', 'llm', 'yes', 0.9, :'now');
select is(brain.ai_draft_plan(:'nosubject', :'now') ->> 'subject', 'Re: Sunshine Motors', 'no subject: Re: the business name');

select * from finish();
rollback;
