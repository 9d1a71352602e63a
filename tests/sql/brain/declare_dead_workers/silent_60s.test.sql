-- A worker silent for 60 s is declared dead: its graphile-worker job locks are
-- freed, the touch it claimed and left sending becomes unknown, its heartbeat row
-- goes, and a reconcile job is queued 10 s later. A worker that beat 59 s ago is alive.
begin;
select plan(11);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550121') as l \gset
select tests.create_lead(:'a', '+13055550122') as l2 \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour',
                          tests.payload_v2('sms') #- '{routing,fallback}') as t \gset
select tests.create_touch(:'a', :'l2', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour',
                          tests.payload_v2('sms') #- '{routing,fallback}') as t2 \gset
select brain.claim_touch(:'t', 'host:101', :'now' ::timestamptz - interval '70 seconds') ->> 'outcome' as c1 \gset
select brain.claim_touch(:'t2', 'host:102', :'now' ::timestamptz - interval '70 seconds') ->> 'outcome' as c2 \gset

select brain.beat_worker('host:101', 101, 'host', array['worker-dead-a', 'worker-dead-b'], :'now'::timestamptz - interval '60 seconds');
select brain.beat_worker('host:102', 102, 'host', array['worker-alive'], :'now'::timestamptz - interval '59 seconds');
-- Each worker holds the dispatch job of the batch it claimed.
select graphile_worker.add_job('dispatch_touches', json_build_object('account_id', :'a'), job_key => 'batch-dead');
select graphile_worker.add_job('dispatch_touches', json_build_object('account_id', :'a'), job_key => 'batch-alive');
update graphile_worker._private_jobs set locked_by = 'worker-dead-a', locked_at = now() where key = 'batch-dead';
update graphile_worker._private_jobs set locked_by = 'worker-alive', locked_at = now() where key = 'batch-alive';

create temp table d on commit drop as select * from brain.declare_dead_workers(p_now => :'now');

-- TEST: only the silent worker is declared, with what was done.
select results_eq($$select worker_id, silent_s, jobs_unlocked, touches_unknown from d$$,
                  $$values ('host:101'::text, 60.0::numeric, 1, 1)$$,
                  'host:101 (60 s silent) is declared dead: 1 job unlocked, 1 touch unknown; host:102 (59 s) is not');

-- TEST: its job lock is freed; the live worker's is kept.
select is((select locked_by from graphile_worker._private_jobs where key = 'batch-dead'), null,
          'the dead worker''s job is unlocked');
select is((select locked_by from graphile_worker._private_jobs where key = 'batch-alive'), 'worker-alive',
          'the live worker''s job stays locked');

-- TEST: its in-doubt touch is unknown (worker_lost) with its outbound message; the live one still sending.
select results_eq(format($$select status, error_code from public.touch_runs where id in (%L, %L) order by id = %L desc$$, :'t', :'t2', :'t'),
                  $$values ('unknown'::text, 'worker_dead'::text), ('sending'::text, null::text)$$,
                  'the dead worker''s touch is unknown (worker_dead); the live worker''s is still sending');
select is((select status from public.outbound_messages where touch_run_id = :'t'), 'unknown', 'its outbound message is unknown');
select is((select payload ->> 'reason' from public.core_memory_events where lead_id = :'l' and event_type = 'touch_outcome_unknown'),
          'worker_dead', 'a touch_outcome_unknown event says why');

-- TEST: reconciliation is queued now; the heartbeat row is gone; a second call declares nothing.
select is((select run_at from graphile_worker.jobs where task_identifier = 'reconcile_unknown_touches' and key = 'reconcile_unknown_touches'),
          :'now'::timestamptz + interval '10 seconds', 'reconcile_unknown_touches is queued to run 10 s later');
select is((select array_agg(worker_id order by worker_id) from public.worker_heartbeats), array['host:102'], 'only the live worker keeps its row');
select is_empty($$select * from brain.declare_dead_workers(p_now => (select tests.local_at(1, '10:00')))$$, 'a worker is declared dead once');

-- TEST: its touch is ready for reconciliation once the reconcile job runs (10 s after the
-- declaration), long before the 2 minutes an answer-lost touch waits for a late callback.
select is_empty(format($$select 1 from brain.unknown_touches(100, interval '2 minutes', %L) where touch_run_id = %L$$,
                       :'now'::timestamptz - interval '61 seconds', :'t'), 'not listed 9 s after its claim');
select isnt_empty(format($$select 1 from brain.unknown_touches(100, interval '2 minutes', %L) where touch_run_id = %L$$,
                         :'now'::timestamptz + interval '10 seconds', :'t'), 'listed when the reconcile job runs');

select * from finish();
rollback;
