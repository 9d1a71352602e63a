-- failed: the touch and message fail with the error, delivery_failed is logged and
-- the smart router decides the next touch from the payload's fallback plan (none
-- without a plan).
begin;
select plan(7);

select tests.local_at(1, '10:00') as now \gset
select :'now'::timestamptz + interval '1 minute' as failed_at \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'sms', 'twilio');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset
select tests.create_lead(:'a', '+13055550102') as l_plain \gset
select tests.sent_touch(:'a', :'l', 'sms', 'SM-1', :'now') as t \gset
select tests.sent_touch(:'a', :'l_plain', 'sms', 'SM-2', :'now'::timestamptz + interval '2 seconds') as t_plain \gset
-- The touch went out without a plan (so sending routed nothing); its plan says: sms once, then email.
update public.touch_runs
set payload = tests.payload_v2('sms', p_order => array['sms', 'email'], p_max_attempts => '{"sms": 1, "email": 1}',
                               p_cooldown_minutes => '{"sms": 0, "email": 0}')
where id = :'t';

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 't' as k, public.ingest_message_status('twilio', 'SM-1:failed', 'SM-1', null, 'failed', 'undelivered', '30003', :'failed_at') as r
union all
select 'plain', public.ingest_message_status('twilio', 'SM-2:failed', 'SM-2', null, 'failed', 'undelivered', '30003', :'failed_at');
reset role;

-- TEST: failed.
select results_eq(format($$select status, error_code, error_message from public.touch_runs where id = %L$$, :'t'),
  $$values ('failed'::text, '30003'::text, 'the provider reported it undelivered'::text)$$, 'the touch failed with the error');
select results_eq(format($$select status, failed_at, error_code, provider_status from public.outbound_messages where touch_run_id = %L$$, :'t'),
  format($$values ('failed'::text, %L::timestamptz, '30003'::text, 'undelivered'::text)$$, :'failed_at'),
  'the message failed at the report''s time');
select results_eq(
  format($$select direction, channel::text, payload->>'error_code', payload->>'provider_status', created_at
           from public.core_memory_events where payload->>'touch_run_id' = %L and event_type = 'delivery_failed'$$, :'t'),
  format($$values ('outbound'::text, 'sms'::text, '30003'::text, 'undelivered'::text, %L::timestamptz)$$, :'failed_at'),
  'one delivery_failed event with the error');

-- TEST: the router creates the next touch.
select is((select r->'route'->>'decision' from res where k = 't'), 'switch_channel', 'the route: switch_channel');
select results_eq(
  format($$select channel::text, attempt, status, payload->'meta'->>'parent_touch_run_id' from public.touch_runs
           where lead_id = %L and id <> %L$$, :'l', :'t'),
  format($$values ('email'::text, 1, 'queued'::text, %L::text)$$, :'t'),
  'one next touch: email, queued, child of the failed touch');
select is((select (r->'route'->>'next_touch_run_id')::uuid from res where k = 't'),
  (select id from public.touch_runs where lead_id = :'l' and id <> :'t'), 'the result names it');

-- TEST: no plan, no next touch.
select results_eq(format($$select status, (select count(*)::int from public.touch_runs x where x.lead_id = %L)
                           from public.touch_runs where id = %L$$, :'l_plain', :'t_plain'),
  $$values ('failed'::text, 1)$$, 'without a fallback plan the touch fails and nothing follows');

select * from finish();
rollback;
