-- The make run summary counts sends, failures and replies inside [p_since, p_now),
-- touches due now, and jobs waiting; other times and states are left out.
begin;
select plan(6);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_lead(:'a', '+13055550161') as la \gset
select tests.create_lead(:'b', '+13055550162') as lb \gset
select '2026-06-01 12:00:00+00'::timestamptz as since \gset
select '2026-06-01 12:01:00+00'::timestamptz as now \gset

-- TEST: nothing happened yet.
select results_eq(
  format($$select touches_sent, touches_failed, replies from public.engine_activity_summary(%L, %L)$$, :'since', :'now'),
  $$values (0::bigint, 0::bigint, 0::bigint)$$, 'an empty window counts nothing');

insert into public.core_memory_events (account_id, lead_id, event_type, event_source, direction, payload, created_at) values
  (:'a', :'la', 'touch_sent', 'test', 'outbound', '{}', :'since'::timestamptz + interval '10 seconds'),
  (:'b', :'lb', 'touch_sent', 'test', 'outbound', '{}', :'since'::timestamptz + interval '20 seconds'),
  (:'a', :'la', 'touch_failed', 'test', 'outbound', '{}', :'since'::timestamptz + interval '30 seconds'),
  -- outside the window on both sides
  (:'a', :'la', 'touch_sent', 'test', 'outbound', '{}', :'since'::timestamptz - interval '1 second'),
  (:'a', :'la', 'touch_sent', 'test', 'outbound', '{}', :'now'::timestamptz);
insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, to_address, body, received_at) values
  (:'a', :'la', 'sms', 'twilio', 'SM-sum-1', '+13055550161', '+13055550100', 'hola', :'since'::timestamptz + interval '5 seconds'),
  (:'b', :'lb', 'sms', 'twilio', 'SM-sum-2', '+13055550162', '+13055550100', 'hola', :'since'::timestamptz - interval '5 seconds');

-- TEST: sends and failures of every account inside the window.
select results_eq(
  format($$select touches_sent, touches_failed from public.engine_activity_summary(%L, %L)$$, :'since', :'now'),
  $$values (2::bigint, 1::bigint)$$, 'two sends and one failure in the window, across accounts');
select results_eq(
  format($$select replies from public.engine_activity_summary(%L, %L)$$, :'since', :'now'),
  $$values (1::bigint)$$, 'one reply in the window');

-- TEST: due touches count, future and finished ones do not.
select tests.create_touch(:'a', :'la', null, 1, 'sms', 1, :'since'::timestamptz) as t1 \gset
select tests.create_touch(:'a', :'la', null, 2, 'sms', 1, :'now'::timestamptz + interval '1 hour') as t2 \gset
select results_eq(
  format($$select touches_queued from public.engine_activity_summary(%L, %L)$$, :'since', :'now'),
  $$values (1::bigint)$$, 'the due touch counts, the one due in an hour does not');

-- TEST: jobs waiting to run now, not ones scheduled later.
select jobs_waiting as before from public.engine_activity_summary(:'since', :'now') \gset
select graphile_worker.add_job('run_cadence', '{}', run_at => :'now'::timestamptz - interval '1 second', job_key => 'sum-test-1');
select is((select jobs_waiting from public.engine_activity_summary(:'since', :'now')), :'before'::bigint + 1,
  'a job due now is waiting');
select graphile_worker.add_job('run_cadence', '{}', run_at => :'now'::timestamptz + interval '1 day', job_key => 'sum-test-2');
select is((select jobs_waiting from public.engine_activity_summary(:'since', :'now')), :'before'::bigint + 1,
  'a job due tomorrow is not counted');

select * from finish();
rollback;
