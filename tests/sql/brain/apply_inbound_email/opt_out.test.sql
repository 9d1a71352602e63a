-- Consent by email (issue 13's classifier on the subject and the text): an opt-out
-- unsubscribes the address that asked and the lead's email from email and stops outreach,
-- and leaves the phone alone; "stop all" stops every channel of the lead, as on SMS. The
-- answered message's own subject is not read as the lead's words.
begin;
select plan(9);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_senders(:'a', 'sales@acme.test', null, null, 'email');
select tests.create_lead(:'a', '+13055550101', 'pat@example.com', 'touched') as pat \gset
select tests.create_lead(:'a', '+13055550102', 'sam@example.com', 'touched') as sam \gset
select tests.create_lead(:'a', '+13055550103', 'kim@example.com', 'touched') as kim \gset
select tests.sent_touch(:'a', :'kim', 'email', 'tx-kim-1', :'now'::timestamptz - interval '2 days',
  tests.payload_v2('email') #- '{routing,fallback}' || '{"delivery": {"body": "Hi", "subject": "Stop overpaying for your car"}}') as tk \gset
update public.outbound_messages set email_message_id = '<rv.kim1@acme.test>' where touch_run_id = :'tk';
select tests.create_touch(:'a', :'pat', null, 1, 'email', 5, :'now'::timestamptz + interval '1 day') as pending \gset

-- TEST: "Please remove me from your list": Pat's address unsubscribed from email.
select brain.apply_inbound_email(:'a', 'email', 'o1@example.com', 'pat@example.com', null,
  array['sales@acme.test'], null, 'Re: offer', 'Please remove me from your list.', p_received_at => :'now'::timestamptz) as r1 \gset
select results_eq(format($$select keyword, classification from public.inbound_messages where id = %L$$, :'r1'::jsonb ->> 'inbound_message_id'),
  $$values ('opt_out'::text, 'keyword'::text)$$, 'keyword opt_out');
select results_eq(format($$select channel::text, email::text, reason from public.suppressions where lead_id = %L and lifted_at is null$$, :'pat'),
  $$values ('email'::text, 'pat@example.com'::text, 'unsubscribe'::text)$$, 'Pat''s address: an email suppression');
select results_eq(format($$select s.suppressed_channels from brain.lead_suppression_status_at(%L) s where s.lead_id = %L$$,
                         :'now'::timestamptz + interval '1 second', :'pat'),
  $$values (array['email']::text[])$$, 'only email is off: the phone may still be texted');
select is((select status from public.touch_runs where id = :'pending'), 'canceled', 'the pending email touch is canceled');

-- TEST: a CC'd colleague's "unsubscribe us" on Ann's thread: the colleague's address and Ann's email.
select tests.create_lead(:'a', '+13055550105', 'ann@example.com', 'touched') as ann \gset
select tests.sent_touch(:'a', :'ann', 'email', 'tx-ann-1', :'now'::timestamptz - interval '2 days') as ta \gset
update public.outbound_messages set email_message_id = '<rv.ann1@acme.test>' where touch_run_id = :'ta';
select brain.apply_inbound_email(:'a', 'email', 'o5@example.com', 'boss@example.com', 'The Boss',
  array['sales@acme.test'], array['ann@example.com'], 'Re: offer', 'Please unsubscribe us from this list.', '<rv.ann1@acme.test>',
  null, p_received_at => :'now'::timestamptz);
select set_eq(format($$select email::text from public.suppressions where lead_id = %L and channel = 'email' and reason = 'unsubscribe'
                       and lifted_at is null$$, :'ann'),
  $$values ('ann@example.com'::text), ('boss@example.com'::text)$$, 'both addresses unsubscribed from email');

-- TEST: the subject alone says it ("Unsubscribe" as the whole subject).
select brain.apply_inbound_email(:'a', 'email', 'o2@example.com', 'sam@example.com', null,
  array['sales@acme.test'], null, 'Unsubscribe', '', p_received_at => :'now'::timestamptz) ->> 'keyword' as k2 \gset
select is(:'k2'::text, 'opt_out', 'an "Unsubscribe" subject is an opt-out');

-- TEST: "stop all": every channel of the lead.
select brain.apply_inbound_email(:'a', 'email', 'o3@example.com', 'kim@example.com', null,
  array['sales@acme.test'], null, 'Re: Stop overpaying for your car', 'Stop all messages, texts and calls too.',
  '<rv.kim1@acme.test>', p_received_at => :'now'::timestamptz);
select ok((select s.is_unsubscribed from brain.lead_suppression_status_at(:'now'::timestamptz + interval '1 second') s where s.lead_id = :'kim'),
  'stop all: the lead is unsubscribed everywhere');

-- TEST: our own subject answered is not the lead's words.
select tests.create_lead(:'a', '+13055550104', 'lee@example.com', 'touched') as lee \gset
select tests.sent_touch(:'a', :'lee', 'email', 'tx-lee-1', :'now'::timestamptz - interval '2 days',
  tests.payload_v2('email') #- '{routing,fallback}' || '{"delivery": {"body": "Hi", "subject": "Stop overpaying for your car"}}') as tl \gset
update public.outbound_messages set email_message_id = '<rv.lee1@acme.test>' where touch_run_id = :'tl';
select brain.apply_inbound_email(:'a', 'email', 'o4@example.com', 'lee@example.com', null,
  array['sales@acme.test'], null, 'RE: Stop overpaying for your car', 'Yes, how much for the blue one?',
  '<rv.lee1@acme.test>', p_received_at => :'now'::timestamptz) ->> 'keyword' as k4 \gset
select is(:'k4'::text, 'none', 'Re: our own "Stop overpaying…" subject: not an opt-out');
select is((select count(*)::int from public.suppressions where lead_id = :'lee'), 0, 'and nothing suppressed');

select * from finish();
rollback;
