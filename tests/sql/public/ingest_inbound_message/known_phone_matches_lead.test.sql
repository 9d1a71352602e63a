-- A known phone is matched to its lead: no new lead.
begin;
select plan(4);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', 'touched') as l \gset
-- The same phone in another account is another lead.
select tests.create_lead(:'b', '+13055550101') as l_b \gset

create temp table res on commit drop as
select public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'who is this?', :'now') as r;

-- TEST: matched.
select is((select (r->>'lead_id')::uuid from res), :'l'::uuid, 'the existing lead of the account');
select is((select (r->>'lead_created')::boolean from res), false, 'lead_created false');
select is((select count(*)::int from public.leads where account_id = :'a'), 1, 'no new lead');
select is((select lead_id from public.inbound_messages where provider_message_id = 'SM-1'), :'l'::uuid,
  'the message is on the existing lead''s thread');

select * from finish();
rollback;
