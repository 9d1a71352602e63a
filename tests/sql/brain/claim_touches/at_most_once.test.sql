-- A touch is claimed once: a second batch finds it sending and leaves it alone; its
-- intent (send_key) has one outbound message; recording the batch twice changes nothing.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
update public.account_provider_settings set config = config || '{"max_per_second": 1000}' where account_id = :'a';
create temp table touches on commit drop as
select n, tests.create_touch(:'a', tests.create_lead(:'a', '+1305555' || (1100 + n)), null, 1, 'sms', 1, :'now'::timestamptz - interval '5 minutes') as id
from generate_series(1, 4) n;

create temp table first on commit drop as select * from brain.claim_touches(:'a', 10, 'worker-1', :'now');

-- TEST: a second batch claims nothing.
select is((select count(*)::int from first where claim ->> 'outcome' = 'claimed'), 4, 'the first batch claims all four');
select is_empty(format($$select * from brain.claim_touches(%L, 10, 'worker-2', %L)$$, :'a', :'now'),
  'a second batch finds nothing to claim');
select is((select count(distinct send_key)::int from public.outbound_messages where account_id = :'a'), 4,
  'one outbound message per intent');

-- TEST: recording the batch twice records once.
select jsonb_agg(jsonb_build_object('touch_run_id', touch_run_id, 'result', 'accepted', 'provider_message_id', 'SM' || n))
  as outcomes from first join touches t on t.id = first.touch_run_id \gset
select is(
  (select count(*)::int from jsonb_array_elements(brain.record_touch_outcomes(:'outcomes', :'now')) x where (x ->> 'recorded')::boolean),
  4, 'the first record_touch_outcomes records four');
select is(
  (select count(*)::int from jsonb_array_elements(brain.record_touch_outcomes(:'outcomes', :'now')) x where (x ->> 'recorded')::boolean),
  0, 'the same outcomes again record nothing');
select is(
  (select count(*)::int from public.core_memory_events where account_id = :'a' and event_type = 'touch_sent'),
  4, 'one touch_sent per touch');

select * from finish();
rollback;
