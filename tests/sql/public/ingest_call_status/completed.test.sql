-- completed marks the touch delivered; a completed call with a duration was
-- answered (call_answered once, even after an answered event); a zero-length
-- completed call is not a response.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'voice', 'twilio');
select tests.give_senders(:'a', '+13055550900', p_channel => 'voice');
select tests.create_lead(:'a', '+13055550101') as l1 \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.create_lead(:'a', '+13055550103') as l3 \gset
select tests.sent_touch(:'a', :'l1', 'voice', 'CA-1', :'now') as t1 \gset
select tests.sent_touch(:'a', :'l2', 'voice', 'CA-2', :'now'::timestamptz + interval '2 seconds') as t2 \gset
select tests.sent_touch(:'a', :'l3', 'voice', 'CA-3', :'now'::timestamptz + interval '4 seconds') as t3 \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 1 as n, public.ingest_call_status('twilio', 'CA-1:in-progress', 'CA-1', null, 'answered', null, :'now'::timestamptz + interval '1 minute') as r;
insert into res select 2, public.ingest_call_status('twilio', 'CA-1:completed', 'CA-1', null, 'completed', 45, :'now'::timestamptz + interval '2 minutes');
insert into res select 3, public.ingest_call_status('twilio', 'CA-2:completed', 'CA-2', null, 'completed', 30, :'now'::timestamptz + interval '2 minutes');
insert into res select 4, public.ingest_call_status('twilio', 'CA-3:completed', 'CA-3', null, 'completed', 0, :'now'::timestamptz + interval '2 minutes');
reset role;

-- TEST: delivered.
select set_eq(format($$select id, status from public.touch_runs where id in (%L, %L, %L)$$, :'t1', :'t2', :'t3'),
  format($$values (%L::uuid, 'delivered'::text), (%L, 'delivered'), (%L, 'delivered')$$, :'t1', :'t2', :'t3'),
  'every completed call''s touch is delivered');
select results_eq(format($$select status, provider_status from public.outbound_messages where touch_run_id = %L$$, :'t1'),
  $$values ('delivered'::text, 'completed'::text)$$, 'the message is delivered (provider status completed)');
select is((select r->'delivery'->>'outcome' from res where n = 2), 'recorded', 'the result carries the delivery');

-- TEST: answered once.
select set_eq(
  $$select lead_id, count(*)::int from public.core_memory_events where event_type = 'call_answered' group by lead_id$$,
  format($$values (%L::uuid, 1), (%L, 1)$$, :'l1', :'l2'),
  'one call_answered for the answered call, one for the completed call with a duration, none for the zero-length call');
select set_eq(format($$select id, lead_state from public.leads where id in (%L, %L, %L)$$, :'l1', :'l2', :'l3'),
  format($$values (%L::uuid, 'responded'::text), (%L, 'responded'), (%L, 'touched')$$, :'l1', :'l2', :'l3'),
  'the answered leads responded; the zero-length call''s lead stays touched');
select is((select count(*)::int from public.core_memory_events where event_type = 'touch_delivered'), 3, 'three touch_delivered events');

select * from finish();
rollback;
