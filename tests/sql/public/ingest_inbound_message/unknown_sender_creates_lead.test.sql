-- A reply is never lost: an unknown sender becomes a lead, with source inbound_<channel>.
begin;
select plan(4);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.give_senders(:'a', '+13055550900', p_channel => 'whatsapp');

create temp table res on commit drop as
select 'sms' as k, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'Is the truck for sale?', :'now') as r
union all
select 'whatsapp', public.ingest_inbound_message('twilio', 'WA-1', 'whatsapp', '+13055550102', '+13055550900', 'hola', :'now');

-- TEST: new leads.
select set_eq($$select k, (r->>'lead_created')::boolean from res$$, $$values ('sms', true), ('whatsapp', true)$$,
  'lead_created is true for both');
select set_eq(
  format($$select l.phone::text, l.source, l.account_id, l.lead_state from public.leads l join res on (res.r->>'lead_id')::uuid = l.id$$),
  format($$values ('+13055550101'::text, 'inbound_sms'::text, %1$L::uuid, 'responded'::text),
                  ('+13055550102', 'inbound_whatsapp', %1$L, 'responded')$$, :'a'),
  'leads with the sender''s phone, source inbound_sms / inbound_whatsapp, in the account; they replied, so responded');
select is(
  (select count(*)::int from public.lead_events e join res on (res.r->>'lead_id')::uuid = e.lead_id where e.event_type = 'lead_created'),
  2, 'each creation is logged (lead_created)');
select is(
  (select m.lead_id from public.inbound_messages m where m.provider_message_id = 'SM-1'),
  (select (r->>'lead_id')::uuid from res where k = 'sms'), 'the message belongs to the new lead');

select * from finish();
rollback;
