-- Issue 18: the receipts drain pauses a replying lead's sequence runs in the drain's own
-- transaction (the reply is applied and the run paused by one drain call).
begin;
select plan(3);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101', null, 'touched') as l \gset
select tests.create_lead(:'a', '+13055550102', null, 'touched') as quiet \gset
select tests.create_sequence(:'a', 'manual', '[{"delay_amount": 1, "body": "Hi"}]') as s \gset
select brain.start_sequence(x, :'s', 'manual', 'user:x', null, null, now()) from unnest(array[:'l', :'quiet']::uuid[]) x;
select public.receive_webhook(:'a', 'twilio', 'message:SM-1', 'inbound_sms', 'inbound_message', 'phone:+13055550101',
  jsonb_build_object('provider', 'twilio', 'event_id', 'SM-1', 'channel', 'sms', 'from', '+13055550101', 'to', '+13055550900', 'body', 'who is this?'));

-- TEST: before the drain the run is active; one drain call applies the reply and pauses it.
select is((select status from public.sequence_enrollments where lead_id = :'l'), 'active', 'active before the drain');
select is((select (brain.drain_webhook_receipts() ->> 'processed')::int), 1, 'the drain applies the reply');
select results_eq(format($$select lead_id, status, paused_reason from public.sequence_enrollments where lead_id in (%L, %L) order by lead_id = %L$$, :'l', :'quiet', :'quiet'),
  format($$values (%L::uuid, 'paused'::text, 'lead_replied'::text), (%L, 'active', null)$$, :'l', :'quiet'),
  'the replying lead''s run is paused (lead_replied); the other lead''s runs on');

select * from finish();
rollback;
