-- Threading (issue 17): an emailed reply names the message it answers. In-Reply-To first,
-- then References (newest first), matched to our own Message-ID
-- (outbound_messages.email_message_id): that message's lead, and the message recorded as
-- answered. Without a known id, the sender's address finds the lead (its email, then
-- alternate_emails); an unknown sender becomes a new lead.
begin;
select plan(10);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_senders(:'a', 'sales@acme.test', null, null, 'email');
select tests.create_lead(:'a', '+13055550101', 'pat@example.com') as pat \gset
select tests.create_lead(:'a', '+13055550102', 'sam@example.com') as sam \gset
select tests.sent_touch(:'a', :'pat', 'email', 'tx-pat-1', :'now'::timestamptz - interval '2 days') as t1 \gset
select tests.sent_touch(:'a', :'sam', 'email', 'tx-sam-1', :'now'::timestamptz - interval '2 days') as t2 \gset
update public.outbound_messages set email_message_id = '<rv.pat1@acme.test>' where touch_run_id = :'t1';
update public.outbound_messages set email_message_id = '<rv.sam1@acme.test>' where touch_run_id = :'t2';
select id as o1 from public.outbound_messages where touch_run_id = :'t1' \gset
select id as o2 from public.outbound_messages where touch_run_id = :'t2' \gset

-- TEST: In-Reply-To names Sam's message: Sam's lead, though the sender is a stranger's address
-- and the To is not one of our senders (the thread proves it is ours).
select brain.apply_inbound_email(:'a', 'email', 'r1@mail.example.com', 'Forwarder@Other.example', null,
  array['someone@elsewhere.example'], null, 'Re: Your quote', 'Yes, send it', '<RV.SAM1@acme.test>', null,
  p_received_at => :'now'::timestamptz) as r1 \gset
select is(:'r1'::jsonb ->> 'matched_by', 'thread', 'In-Reply-To: matched by the thread');
select results_eq(format($$select lead_id, in_reply_to_outbound_id, from_address, channel::text, subject
                          from public.inbound_messages where id = %L$$, :'r1'::jsonb ->> 'inbound_message_id'),
  format($$values (%L::uuid, %L::uuid, 'forwarder@other.example'::text, 'email'::text, 'Re: Your quote'::text)$$, :'sam', :'o2'),
  'the message: Sam''s lead, answering Sam''s email, from the bare lower-cased address, the subject kept');

-- TEST: References, newest last: the newest of ours wins over an older one and a stranger's id.
select brain.apply_inbound_email(:'a', 'email', 'r2@mail.example.com', 'pat@example.com', 'Pat',
  array['sales@acme.test'], null, 'Re: Re: Your quote', 'Tuesday works', null,
  array['<rv.sam1@acme.test>', '<unknown@elsewhere>', '<rv.pat1@acme.test>'],
  p_received_at => :'now'::timestamptz + interval '1 minute') as r2 \gset
select results_eq(format($$select lead_id, in_reply_to_outbound_id from public.inbound_messages where id = %L$$,
                         :'r2'::jsonb ->> 'inbound_message_id'),
  format($$values (%L::uuid, %L::uuid)$$, :'pat', :'o1'),
  'References: the newest id of ours (Pat''s email)');

-- TEST: In-Reply-To wins over References.
select brain.apply_inbound_email(:'a', 'email', 'r3@mail.example.com', 'pat@example.com', null,
  array['sales@acme.test'], null, 'Re: x', 'ok', '<rv.pat1@acme.test>', array['<rv.sam1@acme.test>'],
  p_received_at => :'now'::timestamptz + interval '2 minutes') ->> 'in_reply_to_outbound_id' as r3 \gset
select is(:'r3'::text, :'o1'::text, 'In-Reply-To before References');

-- TEST: no known id: the sender's address finds the lead.
select brain.apply_inbound_email(:'a', 'email', 'r4@mail.example.com', 'SAM@example.com', null,
  array['sales@acme.test'], null, 'Question', 'What are your hours?', '<not-ours@elsewhere>', null,
  p_received_at => :'now'::timestamptz + interval '3 minutes') as r4 \gset
select results_eq(format($$select %L::jsonb ->> 'matched_by', m.lead_id, m.in_reply_to_outbound_id from public.inbound_messages m where m.id = %L$$,
                         :'r4', :'r4'::jsonb ->> 'inbound_message_id'),
  format($$values ('email'::text, %L::uuid, null::uuid)$$, :'sam'),
  'by the sender''s email, case aside; nothing answered');

-- TEST: an alternate address finds its lead too.
update public.leads set alternate_emails = array['pat.work@example.com']::public.email_address[] where id = :'pat';
select brain.apply_inbound_email(:'a', 'email', 'r5@mail.example.com', 'pat.work@example.com', null,
  array['sales@acme.test'], null, 'Hi', 'Call me', p_received_at => :'now'::timestamptz + interval '4 minutes') as r5 \gset
select results_eq(format($$select %L::jsonb ->> 'matched_by', %L::jsonb ->> 'lead_id'$$, :'r5', :'r5'),
  format($$values ('alternate_email'::text, %L::text)$$, :'pat'), 'by an alternate address');

-- TEST: an unknown sender becomes a new lead, named from the display name.
select brain.apply_inbound_email(:'a', 'email', 'r6@mail.example.com', 'new.person@example.org', 'Robin Diaz Vega',
  array['sales@acme.test'], null, 'Saw your ad', 'Is the car still available?', p_received_at => :'now'::timestamptz + interval '5 minutes') as r6 \gset
select results_eq(format($$select l.email::text, l.first_name, l.last_name, l.source, %L::jsonb ->> 'matched_by'
                          from public.leads l where l.id = (%L::jsonb ->> 'lead_id')::uuid$$, :'r6', :'r6'),
  $$values ('new.person@example.org'::text, 'Robin'::text, 'Diaz Vega'::text, 'inbound_email'::text, 'created'::text)$$,
  'a new lead: its email, first and last name, source inbound_email');

-- TEST: the persona of the address written to; a positive reply counts as on SMS (brain.apply_lead_reply).
select is((select persona from public.inbound_messages where id = (:'r2'::jsonb ->> 'inbound_message_id')::uuid), 'initial',
  'the persona of our address written to');
select results_eq(format($$select l.lead_state, (select count(*)::int from public.core_memory_events e
                                                 where e.lead_id = l.id and e.event_type = 'reply_positive' and e.channel = 'email')
                          from public.leads l where l.id = %L$$, :'pat'),
  $$values ('high_intent'::text, 2)$$, 'Pat''s positive emails ("ok", "Call me"): reply_positive on email, the lead high_intent');

-- TEST: mail from our own sender address (a loop) is never a lead.
select is(brain.apply_inbound_email(:'a', 'email', 'loop@acme.test', 'Sales@Acme.test', null,
  array['sales@acme.test'], null, 'Fwd', 'x', p_received_at => :'now'::timestamptz) ->> 'outcome', 'own_address',
  'from our own address: own_address, nothing written');

select * from finish();
rollback;
