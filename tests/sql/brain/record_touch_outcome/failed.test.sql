-- rejected and not_sent: the touch and its outbound message fail, with the error;
-- one touch_failed event; the lead is not touched and no timers start.
begin;
select plan(7);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour', tests.payload_v2('sms') #- '{routing,fallback}') as t_rejected \gset
select tests.create_touch(:'a', :'l', null, 1, 'voice', 1, :'now'::timestamptz - interval '1 hour', tests.payload_v2('voice') #- '{routing,fallback}') as t_not_sent \gset
select brain.claim_touch(:'t_rejected', null, :'now') ->> 'outcome', brain.claim_touch(:'t_not_sent', null, :'now') ->> 'outcome';

create temp table res on commit drop as
select 'rejected' as k, brain.record_touch_outcome(:'t_rejected', 'rejected', 'SM-9', 'undelivered', '30003', 'Unreachable destination', :'now') as r
union all
select 'not_sent', brain.record_touch_outcome(:'t_not_sent', 'not_sent', null, null, 'timeout', 'no answer from the provider', :'now');

-- TEST: results.
select set_eq($$select k, r - 'route' from res$$,
  $$values ('rejected', '{"recorded": true, "status": "failed"}'::jsonb), ('not_sent', '{"recorded": true, "status": "failed"}'::jsonb)$$,
  'rejected and not_sent are both recorded as failed');

-- TEST: rows.
select results_eq(
  format($$select status, failed_at, error_code, error_message from public.touch_runs where id = %L$$, :'t_rejected'),
  format($$values ('failed'::text, %L::timestamptz, '30003'::text, 'Unreachable destination'::text)$$, :'now'),
  'touch: failed at p_now with the error');
select results_eq(
  format($$select status, failed_at, error_code, provider_status from public.outbound_messages where touch_run_id = %L$$, :'t_rejected'),
  format($$values ('failed'::text, %L::timestamptz, '30003'::text, 'undelivered'::text)$$, :'now'),
  'outbound message: failed with the error');
select is((select status from public.touch_runs where id = :'t_not_sent'), 'failed', 'not_sent: failed');

-- TEST: one touch_failed per touch, counted as an attempt.
select set_eq(
  format($$select payload->>'touch_run_id' as touch, event_type, payload->>'error_code' as error_code from public.core_memory_events
           where lead_id = %L and event_type in ('touch_sent', 'touch_failed')$$, :'l'),
  format($$values (%L, 'touch_failed', '30003'), (%L, 'touch_failed', 'timeout')$$, :'t_rejected', :'t_not_sent'),
  'one touch_failed event per touch, with the error code');

-- TEST: the lead.
select is((select lead_state from public.leads where id = :'l'), 'new', 'a failed touch does not make the lead touched');
select is((select count(*)::int from public.lead_timers where lead_id = :'l'), 0, 'and starts no timers');

select * from finish();
rollback;
