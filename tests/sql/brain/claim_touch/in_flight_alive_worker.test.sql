-- A second job for a touch still sending: while the worker that claimed it beats,
-- the touch is left to it (skipped: in_flight); once that worker has no heartbeat
-- row, the touch is unknown (worker_lost), to be reconciled.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550141') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour',
                          tests.payload_v2('sms') #- '{routing,fallback}') as t \gset
select brain.beat_worker('host:201', 201, 'host', array['w-201'], :'now');
select brain.claim_touch(:'t', 'host:201', :'now') ->> 'outcome';

-- TEST: the claimer is alive: the touch stays sending.
select is(brain.claim_touch(:'t', 'host:202', :'now'::timestamptz + interval '1 second') - 'claimed_by',
          '{"outcome": "skipped", "reason": "in_flight"}'::jsonb, 'a live claimer keeps its touch: skipped, in_flight');
select is((select status from public.touch_runs where id = :'t'), 'sending', 'still sending');

-- TEST: the claimer is gone: the touch becomes unknown (worker_lost).
select brain.retire_worker('host:201');
select is(brain.claim_touch(:'t', 'host:202', :'now'::timestamptz + interval '2 seconds') ->> 'outcome', 'unknown',
          'without the claimer''s heartbeat row the touch is unknown');
select is((select error_code from public.touch_runs where id = :'t'), 'worker_lost', 'error_code worker_lost');


select * from finish();
rollback;
