-- An unknown touch the provider confirms it never received (reconciled_not_found)
-- is sent again as the next attempt with its own send_key; the first attempt is
-- failed, not counted as an attempt, and the timeline says it was not received.
-- Only an explicit not-found re-sends; a found send, a plain failure or a replay never does.
begin;
select plan(10);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550131') as l \gset
-- Not about enrichment (issue 19): the lead's is done, so nothing waits for it.
select tests.enrichment_done(:'l');
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour',
                          tests.payload_v2('sms', p_order => array['sms'], p_max_attempts => '{"sms": 3}', p_cooldown_minutes => '{"sms": 0}')) as t \gset
select brain.claim_touch(:'t', 'host:1', :'now') ->> 'outcome';
select brain.record_touch_outcome(:'t', 'unknown', p_error_code => 'worker_lost', p_now => :'now');

create temp table res on commit drop as
select brain.record_touch_outcome(:'t', 'not_sent', null, null, 'reconciled_not_found', 'the provider has no record of this send',
                                  :'now'::timestamptz + interval '2 minutes') as r;
select (r ->> 'retried_as') as t2 from res \gset

-- TEST: attempt 2 exists, queued now, linked to attempt 1, with the same content.
select is((select r - 'retried_as' from res), '{"recorded": true, "status": "failed", "attempt": 2}'::jsonb,
          'recorded: failed, re-sent as attempt 2');
select results_eq(
  format($$select attempt, status, retry_of, scheduled_at, payload = (select payload from public.touch_runs where id = %L)
           from public.touch_runs where id = %L$$, :'t', :'t2'),
  format($$values (2, 'queued'::text, %L::uuid, %L::timestamptz, true)$$, :'t', :'now'::timestamptz + interval '2 minutes'),
  'attempt 2 is queued at once, retry_of attempt 1, same payload');
select is((select count(*)::int from tests.dispatch_jobs(:'t2')), 1, 'its dispatch job is queued');

-- TEST: attempt 1 is failed (reconciled_not_found); its event is touch_not_received, not an attempt.
select results_eq(format($$select status, error_code from public.touch_runs where id = %L$$, :'t'),
                  $$values ('failed'::text, 'reconciled_not_found'::text)$$, 'attempt 1: failed, reconciled_not_found');
select results_eq(
  format($$select event_type, direction, payload ->> 'retried_as' from public.core_memory_events
           where payload ->> 'touch_run_id' = %L and event_type <> 'touch_outcome_unknown'$$, :'t'),
  format($$values ('touch_not_received'::text, 'internal'::text, %L::text)$$, :'t2'),
  'one internal touch_not_received event naming the new attempt');
select is((select coalesce(sum(attempts_done), 0)::int from brain.lead_channel_attempts_at(:'now'::timestamptz + interval '3 minutes') where lead_id = :'l'),
          0, 'the send that never arrived is not counted as an attempt');

-- TEST: attempt 2 is claimed under its own send_key (consent and window checked again).
select is(brain.claim_touch(:'t2', 'host:2', :'now'::timestamptz + interval '2 minutes') ->> 'outcome', 'claimed', 'attempt 2 is claimed');
select is((select array_agg(send_key order by attempt) from public.touch_runs where lead_id = :'l'),
          array[brain.send_key(:'l', null, 1, 'sms', 1), brain.send_key(:'l', null, 1, 'sms', 2)],
          'each attempt has its own send_key (attempt 1 and attempt 2)');

-- TEST: replaying the not-found answer re-sends nothing more.
select is(brain.record_touch_outcome(:'t', 'not_sent', null, null, 'reconciled_not_found', null, :'now'::timestamptz + interval '3 minutes'),
          '{"recorded": false, "status": "failed"}'::jsonb, 'a replay records nothing');

-- TEST: a plain not_sent of a sending touch (the provider refused before accepting) does not re-send.
select tests.create_lead(:'a', '+13055550132') as l3 \gset
-- Not about enrichment (issue 19): the lead's is done, so nothing waits for it.
select tests.enrichment_done(:'l3');
select tests.create_touch(:'a', :'l3', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour',
                          tests.payload_v2('sms', p_order => array['sms'], p_max_attempts => '{"sms": 1}')) as t3 \gset
select brain.claim_touch(:'t3', 'host:1', :'now' ::timestamptz + interval '5 seconds') ->> 'outcome';
select brain.record_touch_outcome(:'t3', 'not_sent', null, null, 'reconciled_not_found', null, :'now'::timestamptz + interval '6 seconds');
select is((select count(*)::int from public.touch_runs where lead_id = :'l3'), 1,
          'only an unknown touch is re-sent: a sending one settled not_sent is simply failed');

select * from finish();
rollback;
