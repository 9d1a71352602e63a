-- accepted: the touch and its outbound message are sent; exactly one touch_sent
-- memory event (payload.touch_run_id, so v_lead_channel_attempts counts it); a
-- new lead becomes touched; the 7/14/30-day timers start.
begin;
select plan(10);

select tests.local_at(1, '10:00') as now \gset
select :'now'::timestamptz + interval '3 seconds' as sent_at \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour',
                          tests.payload_v2('sms') #- '{routing,fallback}') as t \gset
select brain.claim_touch(:'t', 'worker-1', :'now') ->> 'outcome' as claimed \gset

create temp table res on commit drop as
select brain.record_touch_outcome(:'t', 'accepted', 'SM-1', 'queued', p_now => :'sent_at') as r;

-- TEST: result and rows.
select is((select r - 'route' from res), '{"recorded": true, "status": "sent"}'::jsonb, 'recorded: sent');
select results_eq(
  format($$select status, sent_at, provider_message_id from public.touch_runs where id = %L$$, :'t'),
  format($$values ('sent'::text, %L::timestamptz, 'SM-1'::text)$$, :'sent_at'),
  'touch: sent at p_now with the provider''s id');
select results_eq(
  format($$select status, sent_at, provider_message_id, provider_status from public.outbound_messages where touch_run_id = %L$$, :'t'),
  format($$values ('sent'::text, %L::timestamptz, 'SM-1'::text, 'queued'::text)$$, :'sent_at'),
  'outbound message: sent, provider id and status');

-- TEST: exactly one touch_sent, counted as an attempt.
select results_eq(
  format($$select event_type, direction, channel::text, created_at from public.core_memory_events
           where lead_id = %L and payload->>'touch_run_id' = %L and event_type in ('touch_sent', 'touch_failed')$$, :'l', :'t'),
  format($$values ('touch_sent'::text, 'outbound'::text, 'sms'::text, %L::timestamptz)$$, :'sent_at'),
  'one touch_sent event carrying touch_run_id');
select is(
  (select dedupe_key from public.core_memory_events where payload->>'touch_run_id' = :'t' and event_type = 'touch_sent'),
  'touch_outcome:' || :'t' || ':touch_sent', 'its dedupe_key is touch_outcome:<id>:touch_sent, so a replay cannot add a second');
select results_eq(
  format($$select attempts_done, last_attempt_at from brain.lead_channel_attempts_at(%L) where lead_id = %L and step = 1 and channel = 'sms'$$, :'sent_at', :'l'),
  format($$values (1::bigint, %L::timestamptz)$$, :'sent_at'),
  'v_lead_channel_attempts (as of p_now) counts it: 1 attempt');

-- TEST: the lead is touched.
select is((select lead_state from public.leads where id = :'l'), 'touched', 'new → touched');
select results_eq(
  format($$select previous_state, new_state, reason from public.lead_events where lead_id = %L$$, :'l'),
  $$values ('new'::text, 'touched'::text, 'touch_sent'::text)$$,
  'the transition is logged with reason touch_sent');

-- TEST: timers.
select set_eq(
  format($$select timer_type, trigger_at from public.lead_timers where lead_id = %L and executed_at is null and cancelled_at is null$$, :'l'),
  format($$values ('TIMER_7D'::text, %L::timestamptz), ('TIMER_14D', %L), ('TIMER_30D', %L)$$,
         :'sent_at'::timestamptz + interval '7 days', :'sent_at'::timestamptz + interval '14 days', :'sent_at'::timestamptz + interval '30 days'),
  'TIMER_7D/14D/30D at +7, +14 and +30 days');

-- TEST: no fallback: no next touch.
select is((select count(*)::int from public.touch_runs where lead_id = :'l'), 1, 'without routing.fallback no next touch is created');

select * from finish();
rollback;
