-- A lead with a reactivation touch created since its last touch is skipped
-- (skip_duplicate): a second tick creates nothing. After a later touch, the next
-- round may start.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select :'now'::timestamptz - interval '60 days' as long_ago \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select jsonb_build_object('meta', jsonb_build_object('source', 'brain_full_auto_reactivation')) as react_payload \gset

select tests.create_lead(:'a', '+13055550101') as l_fresh \gset
select tests.create_lead(:'a', '+13055550102') as l_pending \gset
select tests.create_lead(:'a', '+13055550103') as l_next_round \gset
select tests.record_event(:'a', l, 'touch_sent', :'long_ago', 'outbound', 'sms')
from unnest(array[:'l_fresh', :'l_pending', :'l_next_round']::uuid[]) l;
-- l_pending: a round-1 reactivation touch created after its last touch, not sent yet.
select tests.create_touch(:'a', :'l_pending', null, 1, 'voice', 1, :'long_ago'::timestamptz + interval '10 days', :'react_payload');
-- l_next_round: round 1 was created before its last touch.
select tests.create_touch(:'a', :'l_next_round', null, 1, 'voice', 1, :'long_ago'::timestamptz - interval '10 days', :'react_payload');

create temp table r1 on commit drop as select * from public.run_reactivation_orchestrator(p_now => :'now');
create temp table r2 on commit drop as select * from public.run_reactivation_orchestrator(p_now => :'now'::timestamptz + interval '1 hour');

-- TEST: first tick.
select set_eq(
  $$select lead_id, round, decision, touch_run_id is not null from r1$$,
  format($$values (%L::uuid, 1, 'queued'::text, true), (%L::uuid, 2, 'skip_duplicate', false), (%L::uuid, 2, 'queued', true)$$,
         :'l_fresh', :'l_pending', :'l_next_round'),
  'a pending reactivation touch since the last touch: skip_duplicate; an older one: round 2');
select is((select count(*)::int from public.touch_runs where lead_id = :'l_pending'), 1, 'l_pending keeps its single touch');
select results_eq(
  format($$select step, payload->'meta'->>'source' from public.touch_runs where lead_id = %L order by step$$, :'l_next_round'),
  $$values (1, 'brain_full_auto_reactivation'::text), (2, 'brain_full_auto_reactivation'::text)$$,
  'l_next_round gets a round-2 touch (step 2)');

-- TEST: second tick creates nothing.
select is((select count(*)::int from r2 where decision <> 'skip_duplicate'), 0, 'second tick: every lead is skip_duplicate');
select is((select count(*)::int from r2), 3, 'all three were considered');
select is((select count(*)::int from public.touch_runs where account_id = :'a'), 4, 'touch_runs: 2 existing + 2 created, no more');

select * from finish();
rollback;
