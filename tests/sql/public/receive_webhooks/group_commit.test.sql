-- Group commit: several requests' receipts in one statement, written in array order
-- (seq), duplicates (already received, or twice in the group) left out; nothing applied.
begin;
select plan(4);

select tests.create_account() as a \gset
select public.receive_webhook(:'a', 'twilio', 'message:SM-0', 'inbound_sms', 'inbound_message', 'phone:+13055550101',
  '{"provider": "twilio", "event_id": "SM-0", "channel": "sms", "from": "+13055550101", "to": "+13055550900", "body": "hi"}');

create temp table written on commit drop as
select * from public.receive_webhooks(jsonb_build_array(
  jsonb_build_object('account_id', :'a', 'provider', 'twilio', 'idempotency_key', 'message:SM-2', 'event_type', 'inbound_sms',
                     'kind', 'inbound_message', 'ordering_key', 'phone:+13055550102', 'nul_replaced_fields', '["Body"]'::jsonb,
                     'payload', '{"provider": "twilio", "event_id": "SM-2", "channel": "sms", "from": "+13055550102", "to": "+13055550900", "body": "b"}'::jsonb),
  jsonb_build_object('account_id', :'a', 'provider', 'twilio', 'idempotency_key', 'message:SM-0', 'event_type', 'inbound_sms',
                     'kind', 'inbound_message', 'ordering_key', 'phone:+13055550101',
                     'payload', '{"provider": "twilio", "event_id": "SM-0", "channel": "sms", "from": "+13055550101", "to": "+13055550900", "body": "hi"}'::jsonb),
  jsonb_build_object('account_id', :'a', 'provider', 'twilio', 'idempotency_key', 'message:SM-1', 'event_type', 'inbound_sms',
                     'kind', 'inbound_message', 'ordering_key', 'phone:+13055550101',
                     'payload', '{"provider": "twilio", "event_id": "SM-1", "channel": "sms", "from": "+13055550101", "to": "+13055550900", "body": "a"}'::jsonb),
  jsonb_build_object('account_id', :'a', 'provider', 'twilio', 'idempotency_key', 'message:SM-1', 'event_type', 'inbound_sms',
                     'kind', 'inbound_message', 'ordering_key', 'phone:+13055550101',
                     'payload', '{"provider": "twilio", "event_id": "SM-1", "channel": "sms", "from": "+13055550101", "to": "+13055550900", "body": "a"}'::jsonb)));

-- TEST: one answer per element, in order: only the new events are received.
select results_eq($$select n, outcome from written order by n$$,
                  $$values (1, 'received'), (2, 'duplicate'), (3, 'received'), (4, 'duplicate')$$,
                  'SM-2 and SM-1 received; SM-0 (seen before) and the second SM-1 are duplicates');
-- TEST: in array order, pending, with their note.
select results_eq(format($$select idempotency_key from public.webhook_receipts where account_id = %L order by seq$$, :'a'),
                  $$values ('message:SM-0'), ('message:SM-2'), ('message:SM-1')$$, 'seq follows arrival (array) order');
select is((select count(*)::int from public.webhook_receipts where account_id = :'a' and processed_at is null), 3, 'all three wait for the drain');
select is((select nul_replaced_fields from public.webhook_receipts where idempotency_key = 'message:SM-2'), array['Body'], 'the NUL note is kept');

select finish();
rollback;
