-- After delivered, a stale report (a failed, or a late sent) leaves the message
-- as it was: status, provider_status, error and timestamps. Only a report of the
-- same status refreshes provider_status (read after delivered).
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select :'now'::timestamptz + interval '1 minute' as delivered_at \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'sms', 'twilio');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.sent_touch(:'a', :'l', 'sms', 'SM-1', :'now') as t \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 1 as n, public.ingest_message_status('twilio', 'SM-1:delivered', 'SM-1', null, 'delivered', 'delivered', null, :'delivered_at') as r;
insert into res select 2, public.ingest_message_status('twilio', 'SM-1:undelivered', 'SM-1', null, 'failed', 'undelivered', '30003',
                                                       :'now'::timestamptz + interval '2 minutes');
insert into res select 3, public.ingest_message_status('twilio', 'SM-1:sent', 'SM-1', null, 'sent', 'sent', null,
                                                       :'now'::timestamptz + interval '3 minutes');
reset role;

-- TEST: stale reports change nothing.
select results_eq($$select n, r->>'outcome' from res where n in (2, 3) order by n$$, $$values (2, 'stale'), (3, 'stale')$$,
  'failed after delivered and a late sent are stale');
select results_eq(
  format($$select status, provider_status, error_code, failed_at, delivered_at from public.outbound_messages where touch_run_id = %L$$, :'t'),
  format($$values ('delivered'::text, 'delivered'::text, null::text, null::timestamptz, %L::timestamptz)$$, :'delivered_at'),
  'the message keeps status and provider_status delivered, no error, no failed_at');
select results_eq(format($$select status, error_code from public.touch_runs where id = %L$$, :'t'),
  $$values ('delivered'::text, null::text)$$, 'the touch stays delivered without an error');
select is((select count(*)::int from public.core_memory_events where payload->>'touch_run_id' = :'t' and event_type = 'delivery_failed'), 0,
  'no delivery_failed event');

-- TEST: the same status refreshes provider_status.
select tests.act_as('revenue_worker', null);
insert into res select 4, public.ingest_message_status('twilio', 'SM-1:read', 'SM-1', null, 'delivered', 'read', null,
                                                       :'now'::timestamptz + interval '4 minutes');
reset role;
select is((select r->>'outcome' from res where n = 4), 'stale', 'read after delivered: stale');
select results_eq(format($$select status, provider_status, delivered_at from public.outbound_messages where touch_run_id = %L$$, :'t'),
  format($$values ('delivered'::text, 'read'::text, %L::timestamptz)$$, :'delivered_at'),
  'provider_status becomes read; status and delivered_at stay');

select * from finish();
rollback;
