-- An outcome is recorded once: a repeated call (a retried job or webhook) is a
-- no-op, whatever result it carries.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour',
                          tests.payload_v2('sms', p_order => array['sms'], p_max_attempts => '{"sms": 3}', p_cooldown_minutes => '{"sms": 60}')) as t \gset
select brain.claim_touch(:'t', 'worker-1', :'now') ->> 'outcome' as claimed \gset
select brain.record_touch_outcome(:'t', 'accepted', 'SM-1', p_now => :'now') ->> 'recorded' as first \gset
select count(*) as touches_after_first from public.touch_runs where lead_id = :'l' \gset

-- TEST: the second call.
select is(brain.record_touch_outcome(:'t', 'accepted', 'SM-1', p_now => :'now'::timestamptz + interval '1 minute'),
  '{"recorded": false, "status": "sent"}'::jsonb, 'the same outcome again: recorded false');
select is(brain.record_touch_outcome(:'t', 'rejected', p_error_code => '30003', p_now => :'now'::timestamptz + interval '2 minutes'),
  '{"recorded": false, "status": "sent"}'::jsonb, 'a late rejection of a sent touch: recorded false');

-- TEST: nothing doubled.
select is((select count(*)::int from public.core_memory_events where payload->>'touch_run_id' = :'t' and event_type in ('touch_sent', 'touch_failed')),
  1, 'still exactly one attempt event');
select is((select attempts_done::int from brain.lead_channel_attempts_at(:'now'::timestamptz + interval '1 hour')
            where lead_id = :'l' and channel = 'sms' and step = 1), 1,
  'v_lead_channel_attempts (as of an hour later) still counts one attempt');
select is((select count(*)::int from public.touch_runs where lead_id = :'l'), :'touches_after_first'::int,
  'the router did not run again (no extra touch)');
select results_eq(
  format($$select status, error_code from public.touch_runs where id = %L$$, :'t'),
  $$values ('sent'::text, null::text)$$, 'the touch stays sent, without an error');

select * from finish();
rollback;
