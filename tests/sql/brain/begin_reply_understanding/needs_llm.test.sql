-- A reply the rules cannot tell, with a key: the job gets the message and the
-- conversation it answers, and nothing is recorded yet.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'lead@example.com') as l \gset
insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider, status, subject, body, sent_at)
values (:'a', :'l', 'email', 'needs-llm-test-1', 'sink', 'delivered', 'The 2022 Civic', 'Still looking for a Civic?', :'now'::timestamptz - interval '1 day');
select tests.inbound_message(:'a', :'l', 'Yes! Is the blue one still available?', :'now'::timestamptz - interval '5 minutes',
  'email', p_subject => 'Re: The 2022 Civic') as m \gset
select tests.inbound_message(:'a', :'l', 'Also, do you take trade-ins?', :'now'::timestamptz - interval '1 minute') as later \gset

select brain.begin_reply_understanding(:'m', true, :'now') as r \gset

-- TEST: needs_llm with the message.
select is(:'r'::jsonb ->> 'state', 'needs_llm', 'state needs_llm');
select is(:'r'::jsonb -> 'message', jsonb_build_object('id', :'m', 'lead_id', :'l', 'account_id', :'a', 'channel', 'email',
  'subject', 'Re: The 2022 Civic', 'body', 'Yes! Is the blue one still available?',
  'received_at', :'now'::timestamptz - interval '5 minutes'),
  'the message: id, lead, account, channel, subject, body, received_at');

-- TEST: the transcript: the conversation up to this reply, oldest first.
select is((select jsonb_agg(jsonb_build_array(e ->> 'direction', e ->> 'body')) from jsonb_array_elements(:'r'::jsonb -> 'transcript') e),
  '[["outbound", "Still looking for a Civic?"], ["inbound", "Yes! Is the blue one still available?"]]'::jsonb,
  'the outbound it answers, then the reply; not the later message');

-- TEST: nothing recorded.
select results_eq(format($$select sentiment_tag, classified_at from public.inbound_messages where id = %L$$, :'m'),
  $$values (null::text, null::timestamptz)$$, 'the message is not classified');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'reply_classified'), 0, 'no reply_classified event');
select is((select sentiment_tag from public.leads where id = :'l'), null, 'the lead has no tag');

select * from finish();
rollback;
