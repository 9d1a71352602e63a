-- Ordered by heat, then newest reply first: Meeting Requested 1, Interested 2, Follow
-- Up 3, Neutral or untagged 4, any other tag 5 (listed only with a pending draft).
begin;
select plan(2);

select now() - interval '1 day' as t0 \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550201') as meeting \gset
select tests.create_lead(:'a', '+13055550202') as interested_old \gset
select tests.create_lead(:'a', '+13055550203') as interested_new \gset
select tests.create_lead(:'a', '+13055550204') as follow_up \gset
select tests.create_lead(:'a', '+13055550205') as neutral \gset
select tests.create_lead(:'a', '+13055550206') as untagged \gset
select tests.create_lead(:'a', '+13055550207') as cold \gset

select brain.record_reply_sentiment(tests.inbound_message(:'a', :'meeting', 'Tomorrow at 5?', :'t0'::timestamptz + interval '1 minute'), 'Meeting Requested', 'llm', 'time', 0.9, now());
select brain.record_reply_sentiment(tests.inbound_message(:'a', :'interested_old', 'Price?', :'t0'::timestamptz + interval '2 minutes'), 'Interested', 'llm', 'price', 0.9, now());
select brain.record_reply_sentiment(tests.inbound_message(:'a', :'interested_new', 'Still there?', :'t0'::timestamptz + interval '3 minutes'), 'Interested', 'llm', 'asks', 0.9, now());
select brain.record_reply_sentiment(tests.inbound_message(:'a', :'follow_up', 'Next month', :'t0'::timestamptz + interval '4 minutes'), 'Follow Up', 'llm', 'later', 0.9, now());
select brain.record_reply_sentiment(tests.inbound_message(:'a', :'neutral', 'ok', :'t0'::timestamptz + interval '6 minutes'), 'Neutral', 'llm', 'ok', 0.5, now());
select tests.inbound_message(:'a', :'untagged', 'hmm', :'t0'::timestamptz + interval '5 minutes');
-- A draft still pending when a newer reply says Not Interested (its classification
-- would reject the draft; until then the draft must be decided).
select tests.pending_ai_draft(:'a', :'cold', :'t0'::timestamptz) as draft \gset
insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, body, received_at,
                                     sentiment_tag, sentiment_source, sentiment_reason, classified_at)
values (:'a', :'cold', 'sms', 'twilio', 'SM-cold-2', '+13055550207', 'Actually no thanks', :'t0'::timestamptz + interval '7 minutes',
        'Not Interested', 'rules', 'not interested', now());

-- TEST: hottest first, newest first within a heat.
select results_eq(
  format('select lead_id, heat from public.inbox_conversations where account_id = %L order by heat, received_at desc, inbound_message_id desc', :'a'),
  format($$values (%L::uuid, 1), (%L, 2), (%L, 2), (%L, 3), (%L, 4), (%L, 4), (%L, 5)$$,
         :'meeting', :'interested_new', :'interested_old', :'follow_up', :'neutral', :'untagged', :'cold'),
  'Meeting Requested, Interested (newest first), Follow Up, Neutral and untagged (newest first), then other tags');

-- TEST: the cold lead is listed for its pending draft only.
select results_eq(
  format('select sentiment_tag, draft_id from public.inbox_conversations where lead_id = %L', :'cold'),
  format($$values ('Not Interested'::text, %L::uuid)$$, :'draft'),
  'a Not Interested reply is listed while a draft is pending');

select * from finish();
rollback;
