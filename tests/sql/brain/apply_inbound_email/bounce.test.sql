-- A DSN bounce (issue 17): recognised by the headers (TypeScript sets auto_kind bounce and
-- the failed recipients) and matched by the thread (the original's Message-ID) or the
-- bounced address: the address is suppressed for email as an Elastic hard bounce would
-- be, the message answered fails, the lead is not halted nor made responded, no lead is
-- ever created for a bounce, and the drain's rules tag it Blacklist without a model.
begin;
select plan(10);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_senders(:'a', 'sales@acme.test', null, null, 'email');
select tests.create_lead(:'a', '+13055550101', 'pat@example.com', 'touched') as pat \gset
select tests.sent_touch(:'a', :'pat', 'email', 'tx-pat-1', :'now'::timestamptz - interval '2 hours') as t1 \gset
update public.outbound_messages set email_message_id = '<rv.pat1@acme.test>' where touch_run_id = :'t1';

select brain.apply_inbound_email(:'a', 'email', 'dsn1@mx.example.net', 'MAILER-DAEMON@mx.example.net', 'Mail Delivery Subsystem',
  array['sales@acme.test'], null, 'Undelivered Mail Returned to Sender', 'The mail system: 550 5.1.1 user unknown',
  null, array['<rv.pat1@acme.test>'], 'bounce', 'delivery status notification (failed: pat@example.com)', array['pat@example.com'],
  :'now'::timestamptz) as r \gset

-- TEST: recorded as a bounce on Pat's lead, answering Pat's email.
select results_eq(format($$select lead_id, auto_kind, auto_reason, keyword, in_reply_to_outbound_id is not null
                          from public.inbound_messages where id = %L$$, :'r'::jsonb ->> 'inbound_message_id'),
  format($$values (%L::uuid, 'bounce'::text, 'delivery status notification (failed: pat@example.com)'::text, 'none'::text, true)$$, :'pat'),
  'auto_kind bounce with its reason, threaded, consent not read');

-- TEST: the address is suppressed for email; the lead's email channel is off.
select results_eq(format($$select channel::text, email::text, reason from public.suppressions where account_id = %L and lifted_at is null$$, :'a'),
  $$values ('email'::text, 'pat@example.com'::text, 'bounce'::text)$$, 'one email suppression, reason bounce');
select ok((select 'email' = any(s.suppressed_channels) from brain.lead_suppression_status_at(:'now'::timestamptz + interval '1 second') s
           where s.lead_id = :'pat'), 'email is suppressed for the lead');

-- TEST: the message answered failed.
select results_eq(format($$select status, error_code from public.outbound_messages where touch_run_id = %L$$, :'t1'),
  $$values ('failed'::text, 'bounce'::text)$$, 'the bounced email: failed, bounce');

-- TEST: issue 19: the lead's email is known dead, and the bounce counts against the inbox that sent it.
select results_eq(format($$select email_status, email_bounced_at from public.leads where id = %L$$, :'pat'),
  format($$values ('hard_bounced'::text, %L::timestamptz)$$, :'now'), 'the lead''s email is hard_bounced from the bounce''s time');
select results_eq(format($$select e.kind, e.sender from public.sender_reputation_events e
                          join public.outbound_messages m on m.id = e.outbound_message_id where m.touch_run_id = %L$$, :'t1'),
  $$values ('hard_bounce'::text, 'sales@acme.test'::text)$$, 'one hard bounce recorded for sales@acme.test');

-- TEST: a bounce is not a reply.
select results_eq(format($$select lead_state, current_replier_email::text from public.leads where id = %L$$, :'pat'),
  $$values ('touched'::text, null::text)$$, 'the lead is not responded, and the daemon is no replier');

-- TEST: the rules tag it Blacklist, no model.
select is(brain.tag_replies_by_rules(array[(:'r'::jsonb ->> 'inbound_message_id')::uuid], :'now'::timestamptz), '{}'::uuid[],
  'nothing left for the model');
select results_eq(format($$select sentiment_tag, sentiment_source from public.inbound_messages where id = %L$$, :'r'::jsonb ->> 'inbound_message_id'),
  $$values ('Blacklist'::text, 'rules'::text)$$, 'Blacklist, by the rules');

-- TEST: a bounce about nobody we know creates no lead, but the address is suppressed for the account.
select brain.apply_inbound_email(:'a', 'email', 'dsn2@mx.example.net', 'postmaster@mx.example.net', null,
  array['sales@acme.test'], null, 'Delivery failure', 'failed', null, null, 'bounce', 'sender postmaster@mx.example.net',
  array['stranger@example.com'], :'now'::timestamptz) ->> 'outcome' as r2 \gset
select results_eq(format($$select %L::text, (select count(*)::int from public.leads where account_id = %L),
                                 (select count(*)::int from public.suppressions where account_id = %L and email = 'stranger@example.com')$$,
                         :'r2', :'a', :'a'),
  $$values ('unmatched_bounce'::text, 1, 1)$$, 'unmatched_bounce: still one lead, the stranger''s address suppressed');

select * from finish();
rollback;
