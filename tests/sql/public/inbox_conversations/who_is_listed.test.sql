-- Who the Inbox lists: one row per lead whose latest reply is newer than the latest
-- message sent to it (outbound_messages sent, delivered or unknown; touch_runs sent),
-- or which has a pending draft; never a reply tagged Blacklist, Automated Reply, Out
-- of Office or Not Interested (unless a draft is pending).
begin;
select plan(9);

select now() - interval '1 day' as t0 \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as waiting \gset
select tests.create_lead(:'a', '+13055550102') as answered \gset
select tests.create_lead(:'a', '+13055550103') as not_really_answered \gset
select tests.create_lead(:'a', '+13055550104') as called_back \gset
select tests.create_lead(:'a', '+13055550105') as twice \gset
select tests.create_lead(:'a', '+13055550106') as not_interested \gset
select tests.create_lead(:'a', '+13055550107') as out_of_office \gset
select tests.create_lead(:'a', '+13055550108') as automated \gset
select tests.create_lead(:'a', '+13055550109') as blacklisted \gset
select tests.create_lead(:'a', '+13055550110') as untagged \gset
select tests.create_lead(:'a', '+13055550111') as drafted \gset
select tests.create_lead(:'a', '+13055550112') as silent \gset

-- Messages sent to the leads (sent_at when the provider took them).
insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider, status, body, sent_at, created_at) values
  (:'a', :'waiting', 'sms', 'key-waiting-1', 'sink', 'delivered', 'Hi, still looking?', :'t0', :'t0'),
  (:'a', :'answered', 'sms', 'key-answered-1', 'sink', 'sent', 'Sure, we open at 9', :'t0'::timestamptz + interval '2 hours', :'t0'::timestamptz + interval '2 hours'),
  -- neither a failed nor a pending message is an answer
  (:'a', :'not_really_answered', 'sms', 'key-notreally-1', 'sink', 'failed', 'Sure', null, :'t0'::timestamptz + interval '2 hours'),
  (:'a', :'not_really_answered', 'sms', 'key-notreally-2', 'sink', 'pending', 'Sure', null, :'t0'::timestamptz + interval '3 hours'),
  (:'a', :'drafted', 'sms', 'key-drafted-1', 'sink', 'sent', 'Got it', now(), now());
-- A call placed after the reply answers it too (touch_runs sent, no outbound message).
insert into public.touch_runs (account_id, lead_id, channel, status, scheduled_at, created_at, sent_at)
values (:'a', :'called_back', 'voice', 'sent', :'t0'::timestamptz + interval '2 hours', :'t0'::timestamptz + interval '2 hours', :'t0'::timestamptz + interval '2 hours');

-- The replies, tagged as the AI stage would.
select brain.record_reply_sentiment(tests.inbound_message(:'a', :'waiting', 'How much is it?', :'t0'::timestamptz + interval '1 hour'), 'Interested', 'llm', 'asks the price', 0.9, now());
select brain.record_reply_sentiment(tests.inbound_message(:'a', :'answered', 'When do you open?', :'t0'::timestamptz + interval '1 hour'), 'Interested', 'llm', 'asks the hours', 0.9, now());
select brain.record_reply_sentiment(tests.inbound_message(:'a', :'not_really_answered', 'Is it available?', :'t0'::timestamptz + interval '1 hour'), 'Interested', 'llm', 'asks', 0.9, now());
select brain.record_reply_sentiment(tests.inbound_message(:'a', :'called_back', 'Call me', :'t0'::timestamptz + interval '1 hour'), 'Meeting Requested', 'llm', 'asks for a call', 0.9, now());
select brain.record_reply_sentiment(tests.inbound_message(:'a', :'twice', 'Hello?', :'t0'::timestamptz + interval '1 hour'), 'Neutral', 'llm', 'hello', 0.5, now());
select tests.inbound_message(:'a', :'twice', 'Can I see it Saturday?', :'t0'::timestamptz + interval '3 hours') as twice_latest \gset
select brain.record_reply_sentiment(:'twice_latest', 'Meeting Requested', 'llm', 'proposes a visit', 0.9, now());
select brain.record_reply_sentiment(tests.inbound_message(:'a', :'not_interested', 'No thanks, bought one', :'t0'::timestamptz + interval '1 hour'), 'Not Interested', 'rules', 'not interested', 1, now());
select brain.record_reply_sentiment(tests.inbound_message(:'a', :'out_of_office', 'I am away until Monday', :'t0'::timestamptz + interval '1 hour'), 'Out of Office', 'rules', 'away', 1, now());
select brain.record_reply_sentiment(tests.inbound_message(:'a', :'automated', 'This mailbox is not monitored', :'t0'::timestamptz + interval '1 hour'), 'Automated Reply', 'rules', 'automatic', 1, now());
-- A STOP: the lead is suppressed and its reply tagged Blacklist.
select brain.record_reply_sentiment(tests.inbound_message(:'a', :'blacklisted', 'STOP', :'t0'::timestamptz + interval '1 hour', 'sms', null, null, 'opt_out'), 'Blacklist', 'rules', 'opt_out', 1, now());
select * from public.suppress_leads(array[:'blacklisted'::uuid], 'do_not_contact', 'tests');
select tests.inbound_message(:'a', :'untagged', 'ok', :'t0'::timestamptz + interval '1 hour');
-- A pending draft keeps the lead listed although a message went out after the reply.
select tests.pending_ai_draft(:'a', :'drafted', now() - interval '1 hour') as draft \gset

-- TEST: exactly the leads waiting for an answer.
select set_eq(
  format('select lead_id from public.inbox_conversations where account_id = %L', :'a'),
  format('values (%L::uuid), (%L), (%L), (%L), (%L)', :'waiting', :'not_really_answered', :'twice', :'untagged', :'drafted'),
  'listed: a reply newer than the last message sent, a reply answered only by a failed or pending message, the latest of two replies, an untagged reply, a pending draft');

-- TEST: answered leads are not listed.
select is_empty(format('select 1 from public.inbox_conversations where lead_id = %L', :'answered'), 'a reply answered by a sent message is not listed');
select is_empty(format('select 1 from public.inbox_conversations where lead_id = %L', :'called_back'), 'a reply answered by a sent touch (a call) is not listed');

-- TEST: nothing to answer.
select is_empty(
  format('select 1 from public.inbox_conversations where lead_id in (%L, %L, %L)', :'not_interested', :'out_of_office', :'automated'),
  'Not Interested, Out of Office and Automated Reply replies are not listed');
select is_empty(format('select 1 from public.inbox_conversations where lead_id = %L', :'blacklisted'),
  'a suppressed lead''s Blacklist reply (STOP) is not listed');

-- TEST: one row per lead, with its latest reply.
select results_eq(
  format('select inbound_message_id, body, sentiment_tag from public.inbox_conversations where lead_id = %L', :'twice'),
  format($$values (%L::uuid, 'Can I see it Saturday?'::text, 'Meeting Requested'::text)$$, :'twice_latest'),
  'two replies: one row, the latest reply and its tag');

-- TEST: what was last sent, and the reply's columns.
select results_eq(
  format('select last_outbound_at, channel, body, sentiment_tag, sentiment_source, sentiment_reason from public.inbox_conversations where lead_id = %L', :'waiting'),
  format($$values (%L::timestamptz, 'sms'::text, 'How much is it?'::text, 'Interested'::text, 'llm'::text, 'asks the price'::text)$$, :'t0'),
  'the waiting lead: last sent at t0, its reply and why it was tagged so');
select results_eq(
  format('select sentiment_tag, heat, last_outbound_at from public.inbox_conversations where lead_id = %L', :'untagged'),
  $$values (null::text, 4, null::timestamptz)$$,
  'an untagged reply ranks with Neutral; nothing was ever sent');
select results_eq(
  format('select draft_id from public.inbox_conversations where lead_id = %L', :'drafted'),
  format('values (%L::uuid)', :'draft'),
  'the drafted lead carries its pending draft');

select * from finish();
rollback;
