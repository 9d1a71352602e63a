-- What the model reads: the lead's last 40 messages up to the reply, inbound and
-- outbound (sent, delivered or unknown), every channel, oldest first; bodies cut to
-- 2,000 characters; nothing of another lead.
begin;
select plan(8);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'lead@example.com') as l \gset
select tests.create_lead(:'a', '+13055550102') as other \gset

-- 30 inbound replies, one a minute, the latest at now - 1 min; 15 outbound sent between them.
select tests.inbound_message(:'a', :'l', 'in ' || n, :'now'::timestamptz - make_interval(mins => 61 - 2 * n))
from generate_series(1, 30) n;
insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider, status, body, subject, sent_at, created_at)
select :'a', :'l', case when n % 2 = 0 then 'email' else 'sms' end::public.channel, 'transcript-test-' || n, 'sink', 'sent',
       'out ' || n, case when n % 2 = 0 then 'Subject ' || n end,
       :'now'::timestamptz - make_interval(mins => 62 - 4 * n), :'now'::timestamptz - make_interval(mins => 62 - 4 * n)
from generate_series(1, 15) n;
-- Not part of the conversation: a pending outbound, a failed one, another lead's reply, a reply after p_up_to.
insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider, status, body, created_at)
values (:'a', :'l', 'sms', 'transcript-test-pending', 'sink', 'pending', 'not sent yet', :'now'::timestamptz - interval '2 minutes'),
       (:'a', :'l', 'sms', 'transcript-test-failed', 'sink', 'failed', 'never arrived', :'now'::timestamptz - interval '3 minutes');
select tests.inbound_message(:'a', :'other', 'other lead', :'now'::timestamptz - interval '5 minutes');
select tests.inbound_message(:'a', :'l', 'after the reply', :'now'::timestamptz + interval '1 minute');
select tests.inbound_message(:'a', :'l', repeat('x', 2500), :'now'::timestamptz - interval '30 seconds') as long \gset

create temp table tr on commit drop as
select e.ord, e.value as m from jsonb_array_elements(brain.reply_transcript(:'l', :'now')) with ordinality e(value, ord);

-- TEST: 40 messages, the latest ones, oldest first.
select is((select count(*)::int from tr), 40, 'at most 40 messages (46 qualify)');
select is((select bool_and(a.at < b.at) from (select ord, (m ->> 'at')::timestamptz as at from tr) a
           join (select ord, (m ->> 'at')::timestamptz as at from tr) b on b.ord = a.ord + 1), true,
  'oldest first');
select is((select m ->> 'body' from tr order by ord desc limit 1), repeat('x', 2000),
  'the last is the latest reply, its body cut to 2,000 characters');
select results_eq($$select m ->> 'body' from tr where ord <= 2 order by ord$$, $$values ('in 5'::text), ('out 3'::text)$$,
  'the six oldest (in 1-4, out 1-2) are the ones left out');

-- TEST: both directions and channels, subjects on email.
select results_eq($$select m ->> 'direction', count(*)::int from tr group by 1 order by 1$$,
  $$values ('inbound'::text, 27), ('outbound'::text, 13)$$, 'inbound and outbound');
select results_eq($$select m ->> 'channel', m ->> 'subject' from tr where m ->> 'body' = 'out 14'$$,
  $$values ('email'::text, 'Subject 14'::text)$$, 'an outbound email carries its channel and subject');

-- TEST: what is not part of the conversation.
select is((select count(*)::int from tr where m ->> 'body' in ('not sent yet', 'never arrived', 'other lead', 'after the reply')), 0,
  'no pending or failed outbound, no other lead, nothing after p_up_to');
select is(jsonb_array_length(brain.reply_transcript(:'l', :'now', 5)), 5, 'p_limit limits');

select * from finish();
rollback;
