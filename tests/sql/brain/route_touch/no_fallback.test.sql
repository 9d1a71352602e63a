-- A touch whose payload has no routing.fallback is not routed: no new touch,
-- and the lead is not declared dead.
begin;
select plan(4);

select tests.local_at(1, '10:00') as p \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'p'::timestamptz - interval '1 hour',
                          '{"delivery": {"body": "hi"}, "routing": {"current_channel": "sms"}}') as t \gset
select brain.claim_touch(:'t', null, :'p') ->> 'outcome';
create temp table res on commit drop as select brain.record_touch_outcome(:'t', 'rejected', p_now => :'p') as r;

-- TEST: no route.
select is((select r->'route' from res), '{"decision": "stop", "reason": "no_fallback"}'::jsonb, 'route: stop, no_fallback');
select is((select count(*)::int from public.touch_runs where lead_id = :'l'), 1, 'no new touch');
select is((select lead_state from public.leads where id = :'l'), 'new', 'the lead is not dead');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'touch_failed'), 1,
  'the failure itself is recorded');

select * from finish();
rollback;
