-- Delivery status only moves forward: delivered is recorded; a late sent (or a
-- failed after delivered) is stale and changes nothing.
begin;
select plan(8);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'sms', 'twilio');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.sent_touch(:'a', :'l', 'sms', 'SM-1', :'now') as t \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 1 as n, public.ingest_message_status('twilio', 'SM-1:delivered', 'SM-1', null, 'delivered', 'delivered', null,
                                            :'now'::timestamptz + interval '1 minute') as r;
insert into res select 2, public.ingest_message_status('twilio', 'SM-1:sent', 'SM-1', null, 'sent', 'sent', null,
                                                       :'now'::timestamptz + interval '2 minutes');
insert into res select 3, public.ingest_message_status('twilio', 'SM-1:failed', 'SM-1', null, 'failed', 'undelivered', '30003',
                                                       :'now'::timestamptz + interval '3 minutes');
reset role;

-- TEST: delivered.
select is((select r from res where n = 1),
  jsonb_build_object('outcome', 'recorded', 'account_id', :'a', 'status', 'delivered', 'touch_run_id', :'t'), 'delivered: recorded');
select results_eq(format($$select status, delivered_at from public.outbound_messages where touch_run_id = %L$$, :'t'),
  format($$values ('delivered'::text, %L::timestamptz)$$, :'now'::timestamptz + interval '1 minute'),
  'the message is delivered at the report''s time');
select is((select status from public.touch_runs where id = :'t'), 'delivered', 'the touch is delivered');
select results_eq(
  format($$select event_type, direction, dedupe_key from public.core_memory_events where payload->>'touch_run_id' = %L and event_type = 'touch_delivered'$$, :'t'),
  format($$values ('touch_delivered'::text, 'outbound'::text, %L::text)$$, 'delivery:' || :'t'), 'one touch_delivered event');

-- TEST: late reports are stale.
select is((select r from res where n = 2), jsonb_build_object('outcome', 'stale', 'account_id', :'a', 'status', 'delivered'),
  'a late sent: stale, the message stays delivered');
select is((select r->>'outcome' from res where n = 3), 'stale', 'failed after delivered: stale');
select results_eq(format($$select m.status, t.status from public.outbound_messages m join public.touch_runs t on t.id = m.touch_run_id where t.id = %L$$, :'t'),
  $$values ('delivered'::text, 'delivered'::text)$$, 'message and touch stay delivered');
select is((select count(*)::int from public.core_memory_events where payload->>'touch_run_id' = :'t' and event_type = 'delivery_failed'), 0,
  'no delivery_failed event');

select * from finish();
rollback;
