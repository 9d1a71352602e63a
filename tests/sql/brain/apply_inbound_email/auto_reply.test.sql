-- An automatic reply by its headers (Auto-Submitted other than no, X-Autoreply,
-- X-Autorespond, Precedence: auto_reply/bulk/junk; TypeScript reads them): recorded with
-- auto_kind auto_reply, never read for consent, never a conversation (outreach goes on),
-- never a new lead; the drain's rules tag it Automated Reply (or Out of Office by its words).
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_senders(:'a', 'sales@acme.test', null, null, 'email');
select tests.create_lead(:'a', '+13055550101', 'pat@example.com', 'touched') as pat \gset
select tests.create_touch(:'a', :'pat', null, 1, 'sms', 1, :'now'::timestamptz + interval '1 day') as pending \gset

select brain.apply_inbound_email(:'a', 'email', 'ar1@example.com', 'pat@example.com', 'Pat',
  array['sales@acme.test'], null, 'Automatic reply: Your quote', 'Thanks for your email. Please stop by the front desk.',
  null, null, 'auto_reply', 'Auto-Submitted: auto-replied', null, :'now'::timestamptz) as r \gset

-- TEST: recorded as an automatic reply, consent not read ("stop by" would not revoke anyway).
select results_eq(format($$select auto_kind, auto_reason, keyword, classification from public.inbound_messages where id = %L$$,
                         :'r'::jsonb ->> 'inbound_message_id'),
  $$values ('auto_reply'::text, 'Auto-Submitted: auto-replied'::text, 'none'::text, 'neutral'::text)$$,
  'auto_kind auto_reply with the header as its reason');

-- TEST: no conversation: the pending touch stays, the lead stays touched, an inbound_auto_reply event.
select is((select status from public.touch_runs where id = :'pending'), 'scheduled', 'outreach is not halted');
select is((select lead_state from public.leads where id = :'pat'), 'touched', 'the lead is not responded');
select is((select count(*)::int from public.core_memory_events where lead_id = :'pat' and event_type = 'inbound_auto_reply'
           and direction = 'internal'), 1, 'one inbound_auto_reply event (internal: not a reply)');

-- TEST: the rules tag it Automated Reply.
select brain.tag_replies_by_rules(array[(:'r'::jsonb ->> 'inbound_message_id')::uuid], :'now'::timestamptz);
select results_eq(format($$select sentiment_tag, sentiment_source from public.inbound_messages where id = %L$$, :'r'::jsonb ->> 'inbound_message_id'),
  $$values ('Automated Reply'::text, 'rules'::text)$$, 'Automated Reply, by the rules');

-- TEST: an automatic reply from nobody we know: nothing written.
select brain.apply_inbound_email(:'a', 'email', 'ar2@example.com', 'robot@newsletter.example', null,
  array['sales@acme.test'], null, 'Auto: hi', 'We got your message', null, null, 'auto_reply',
  'X-Autoreply: yes', null, :'now'::timestamptz) ->> 'outcome' as r2 \gset
select results_eq(format($$select %L::text, (select count(*)::int from public.leads where account_id = %L),
                                 (select count(*)::int from public.inbound_messages where account_id = %L)$$, :'r2', :'a', :'a'),
  $$values ('unknown_sender'::text, 1, 1)$$, 'unknown_sender: no lead created, no message');

select * from finish();
rollback;
