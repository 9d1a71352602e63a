-- Nobody who opted out is called: a gold lead (mobile phone and email) that sent
-- STOP and then "call me" is not queued for a call; its opt-out stays.
begin;
select plan(5);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', 'touched') as l \gset
update public.leads set phone_line_type = 'mobile' where id = :'l';

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 1 as n, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'STOP', :'now') as r;
insert into res select 2, public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+13055550101', '+13055550900', 'yes call me',
                                                        :'now'::timestamptz + interval '1 hour');
reset role;

-- TEST: the reply is read as positive...
select is((select r->>'classification' from res where n = 2), 'positive', '"yes call me" is a positive reply');

-- TEST: ...but no call.
select is((select count(*)::int from public.call_queue where lead_id = :'l'), 0, 'no call_queue row');
select isnt((select lead_state from public.leads where id = :'l'), 'in_call_queue', 'the lead is not in_call_queue');
select is((select count(*)::int from public.suppressions where lead_id = :'l' and lifted_at is null), 3, 'the opt-out stays (sms, whatsapp, voice)');
select is((select count(*)::int from public.touch_runs where lead_id = :'l' and payload->'meta'->>'source' = 'opt_out_confirmation'), 1,
  'one opt-out confirmation, nothing else queued for it');

select * from finish();
rollback;
