-- Email is blocked only by an explicit all-channels revocation: "stop all, email too"
-- suppresses the lead's email as well; a plain STOP does not.
begin;
select plan(4);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', 'touched') as l_all \gset
select tests.create_lead(:'a', '+13055550102', 'bo@example.com', 'touched') as l_sms \gset

select public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'Stop all messages, email too', :'now');
select public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+13055550102', '+13055550900', 'STOP', :'now');

-- TEST: all channels.
select results_eq(format($$select is_unsubscribed, suppressed_channels from brain.lead_suppression_status_at(%L) where lead_id = %L$$,
                         :'now'::timestamptz + interval '1 minute', :'l_all'),
  $$values (true, '{voice,sms,whatsapp,email}'::text[])$$, '"stop all … email too" blocks every channel');
select is((select count(*)::int from public.suppressions where email = 'ana@example.com' and lifted_at is null), 1,
  'the email is suppressed too');

-- TEST: a plain STOP leaves email open.
select results_eq(format($$select is_unsubscribed, suppressed_channels from brain.lead_suppression_status_at(%L) where lead_id = %L$$,
                         :'now'::timestamptz + interval '1 minute', :'l_sms'),
  $$values (false, '{voice,sms,whatsapp}'::text[])$$, 'STOP blocks texts and calls only');
select is((select count(*)::int from public.suppressions where email = 'bo@example.com'), 0, 'its email is not suppressed');

select * from finish();
rollback;
