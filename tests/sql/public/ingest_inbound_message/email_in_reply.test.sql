-- An email address in the reply is captured on the sender's lead (its email, or
-- alternate_emails when it has one) and the lead moves to email_captured.
begin;
select plan(5);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as l \gset
select tests.create_lead(:'a', '+13055550102', 'bob@example.com', 'touched') as l_has_email \gset

create temp table res on commit drop as
select 'l' as k, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900',
                                               'send the details to Ana.Perez@Example.com please', :'now') as r
union all
select 'has', public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+13055550102', '+13055550900',
                                           'use my work address bob@work.example', :'now');

-- TEST: captured.
select results_eq(format($$select email::text, alternate_emails::text[] from public.leads where id = %L$$, :'l'),
  $$values ('ana.perez@example.com'::text, '{}'::text[])$$, 'a lead without email: the address becomes its email (lower-cased)');
select results_eq(format($$select email::text, alternate_emails::text[] from public.leads where id = %L$$, :'l_has_email'),
  $$values ('bob@example.com'::text, array['bob@work.example'])$$, 'a lead with an email: the new address joins alternate_emails');

-- TEST: email_captured.
select set_eq(format($$select id, lead_state from public.leads where id in (%L, %L)$$, :'l', :'l_has_email'),
  format($$values (%L::uuid, 'email_captured'::text), (%L, 'email_captured')$$, :'l', :'l_has_email'),
  'both leads move to email_captured');
select set_eq(
  format($$select previous_state, new_state, reason from public.lead_events where lead_id = %L and event_type = 'state_transition'$$, :'l'),
  $$values ('touched'::text, 'responded'::text, 'inbound_reply'::text), ('responded', 'email_captured', 'email_in_reply')$$,
  'touched → responded (inbound_reply) → email_captured (email_in_reply)');

-- TEST: no second lead.
select is((select count(*)::int from public.leads where account_id = :'a'), 2, 'no lead is created for the address');

select * from finish();
rollback;
