-- Seed 003 §6: a colleague CC'd on the thread who answers becomes the lead's current
-- replier (address, name, since when) and one of its alternate_emails; the message keeps
-- the colleague's bare address as its sender, so the draft goes To them with the lead
-- CC'd (brain.ai_draft_plan). The lead answering from its own address takes its place back.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_senders(:'a', 'sales@acme.test', null, null, 'email');
select tests.create_lead(:'a', '+13055550101', 'pat@example.com') as pat \gset
select tests.sent_touch(:'a', :'pat', 'email', 'tx-pat-1', :'now'::timestamptz - interval '2 days') as t1 \gset
update public.outbound_messages set email_message_id = '<rv.pat1@acme.test>' where touch_run_id = :'t1';

-- TEST: the colleague's reply on the thread.
select brain.apply_inbound_email(:'a', 'email', 'c1@example.com', 'Jordan.Buyer@Example.com', 'Jordan Buyer',
  array['sales@acme.test'], array['pat@example.com'], 'RE: Your quote', 'I handle purchasing for Pat. Can we meet Tuesday?',
  '<rv.pat1@acme.test>', null, p_received_at => :'now'::timestamptz) as r1 \gset
select results_eq(format($$select current_replier_email::text, current_replier_name, current_replier_since, alternate_emails::text[]
                          from public.leads where id = %L$$, :'pat'),
  format($$values ('jordan.buyer@example.com'::text, 'Jordan Buyer'::text, %L::timestamptz, array['jordan.buyer@example.com']::text[])$$, :'now'),
  'the colleague is the current replier (since now) and an alternate address of the lead');
select results_eq(format($$select lead_id, from_address from public.inbound_messages where id = %L$$, :'r1'::jsonb ->> 'inbound_message_id'),
  format($$values (%L::uuid, 'jordan.buyer@example.com'::text)$$, :'pat'),
  'the message: Pat''s lead, from the colleague''s bare address');

-- TEST: what the AI draft would do with it: To the colleague, the lead CC'd.
select brain.record_reply_sentiment((:'r1'::jsonb ->> 'inbound_message_id')::uuid, 'Meeting Requested', 'llm', 'asks to meet', 0.9, :'now');
select results_eq(format($$select r ->> 'to_address', r -> 'cc_addresses' from (select brain.ai_draft_plan(%L, %L) r) x$$,
                         :'r1'::jsonb ->> 'inbound_message_id', :'now'),
  $$values ('jordan.buyer@example.com'::text, '["pat@example.com"]'::jsonb)$$, 'the draft: To the colleague, Cc the lead');

-- TEST: the colleague again, later: still the same replier since the first reply, alternate_emails not doubled.
select brain.apply_inbound_email(:'a', 'email', 'c2@example.com', 'jordan.buyer@example.com', null,
  array['sales@acme.test'], null, 'RE: Your quote', 'Any news?', null, array['<rv.pat1@acme.test>'],
  p_received_at => :'now'::timestamptz + interval '1 hour');
select results_eq(format($$select current_replier_name, current_replier_since, pg_catalog.cardinality(alternate_emails)
                          from public.leads where id = %L$$, :'pat'),
  format($$values ('Jordan Buyer'::text, %L::timestamptz, 1)$$, :'now'), 'the same replier: its name and first time kept, listed once');

-- TEST: the colleague writing on a new thread is still found (alternate address), and stays the replier.
select brain.apply_inbound_email(:'a', 'email', 'c3@example.com', 'jordan.buyer@example.com', null,
  array['sales@acme.test'], null, 'New question', 'Do you deliver?', p_received_at => :'now'::timestamptz + interval '2 hours') ->> 'lead_id' as l3 \gset
select is(:'l3'::uuid, :'pat'::uuid, 'a new thread from the colleague: Pat''s lead by its alternate address');

-- TEST: Pat answers from its own address: the current replier is cleared.
select brain.apply_inbound_email(:'a', 'email', 'c4@example.com', 'pat@example.com', 'Pat',
  array['sales@acme.test'], null, 'RE: Your quote', 'Tuesday 10am then.', '<rv.pat1@acme.test>',
  p_received_at => :'now'::timestamptz + interval '3 hours');
select results_eq(format($$select current_replier_email::text, current_replier_name, current_replier_since from public.leads where id = %L$$, :'pat'),
  $$values (null::text, null::text, null::timestamptz)$$, 'the lead itself answers: no current replier');

select * from finish();
rollback;
