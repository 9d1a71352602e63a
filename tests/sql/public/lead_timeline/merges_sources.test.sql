-- The timeline merges messages, memory events and state changes, newest first, under RLS.
begin;
select plan(4);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_lead(:'a', '+13055550151') as lead \gset
select brain.transition_lead(:'lead', 'touched', 'first_touch', 'test');
insert into public.core_memory_events (account_id, lead_id, event_type, event_source, direction, payload, created_at)
values (:'a', :'lead', 'note', 'test', 'internal', '{}', now() + interval '1 minute');
insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, to_address, body, keyword, classification, received_at)
values (:'a', :'lead', 'sms', 'twilio', 'SM1', '+13055550151', '+13055550100', 'hi there', 'none', 'neutral', now() + interval '2 minutes');

select tests.act_as('revenue_api', :'a');
select results_eq(
  format($$select kind from public.lead_timeline(%L, 10)$$, :'lead'),
  $$values ('message'::text), ('memory'::text), ('state'::text)$$,
  'message, memory event and state change, newest first');
select results_eq(
  format($$select summary from public.lead_timeline(%L, 10) where kind = 'state'$$, :'lead'),
  $$values ('new → touched · first_touch · test'::text)$$,
  'the state change says from, to, why and who');
select results_eq(format($$select count(*)::int from public.lead_timeline(%L, 1)$$, :'lead'), $$values (1)$$, 'the limit applies');
reset role;
select tests.act_as('revenue_api', :'b');
select is_empty(format($$select 1 from public.lead_timeline(%L, 10)$$, :'lead'), 'another account sees nothing');

select * from finish();
rollback;
