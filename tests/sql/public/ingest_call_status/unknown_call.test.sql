-- No outbound voice message matches: unknown_call, nothing written.
begin;
select plan(3);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'voice', 'twilio');
select tests.give_senders(:'a', '+13055550900', p_channel => 'voice');
select tests.set_provider(:'a', 'sms', 'twilio');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.sent_touch(:'a', :'l', 'sms', 'SM-1', :'now') as t_sms \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 1 as n, public.ingest_call_status('twilio', 'CA-X:completed', 'CA-X', null, 'completed', 30, :'now') as r
union all
select 2, public.ingest_call_status('twilio', 'SM-1:completed', 'SM-1', null, 'completed', 30, :'now');
reset role;

-- TEST: unknown.
select results_eq($$select r from res order by n$$,
  $$values ('{"outcome": "unknown_call"}'::jsonb), ('{"outcome": "unknown_call"}'::jsonb)$$,
  'an unknown call id, and an SMS''s id: unknown_call');
select is((select count(*)::int from public.webhook_receipts), 0, 'no receipt');
select is((select status from public.touch_runs where id = :'t_sms'), 'sent', 'the SMS touch is untouched');

select * from finish();
rollback;
