-- A message whose NULs the webhook replaced is recorded with a note naming the fields;
-- one without keeps no note (null, never an empty list).
begin;
select plan(4);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');

create temp table res on commit drop as
select 'nul' as k, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900',
                                                 'hi ' || chr(65533) || ' there', :'now', array['Body']) as r
union all
select 'clean', public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+13055550102', '+13055550900', 'hello', :'now', '{}');

-- TEST: the note is on the message and on the receipt.
select is((select r->>'outcome' from res where k = 'nul'), 'recorded', 'the message with a replaced NUL is recorded');
select is((select m.nul_replaced_fields from public.inbound_messages m where m.provider_message_id = 'SM-1'),
  array['Body'], 'inbound_messages.nul_replaced_fields names the field');
select is((select w.nul_replaced_fields from public.webhook_receipts w where w.idempotency_key = 'message:SM-1'),
  array['Body'], 'webhook_receipts.nul_replaced_fields names the field');
-- TEST: no replacement, no note.
select ok((select m.nul_replaced_fields is null from public.inbound_messages m where m.provider_message_id = 'SM-2'),
  'a message without NULs has no note');

select * from finish();
rollback;
