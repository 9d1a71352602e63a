-- The dispatch worker (revenue_worker, across accounts) can run the whole loop:
-- claim, record the outcome (which routes the next touch), run the timers.
-- The API role cannot claim.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour',
                          tests.payload_v2('sms', p_order => array['sms'], p_max_attempts => '{"sms": 2}', p_cooldown_minutes => '{"sms": 60}')) as t \gset

-- TEST: the API role may not claim.
select tests.act_as('revenue_api', :'a');
select throws_ok(format($$select brain.claim_touch(%L, null, %L)$$, :'t', :'now'), '42501', null,
  'revenue_api cannot call brain.claim_touch');
reset role;

-- TEST: the worker runs the loop.
select tests.act_as('revenue_worker', null);
create temp table res_claim on commit drop as select brain.claim_touch(:'t', 'worker-1', :'now') as r;
create temp table res_outcome on commit drop as select brain.record_touch_outcome(:'t', 'accepted', 'SM-1', p_now => :'now') as r;
create temp table res_timers on commit drop as select * from brain.run_due_timers(p_now => :'now'::timestamptz + interval '7 days');
reset role;

select is((select r->>'outcome' from res_claim), 'claimed', 'revenue_worker claims the touch');
select is((select r->>'status' from res_outcome), 'sent', 'and records it sent');
select is((select r->'route'->>'decision' from res_outcome), 'wait_cooldown', 'the router ran');
select is((select count(*)::int from public.touch_runs where lead_id = :'l' and attempt = 2 and status = 'scheduled'), 1,
  'the next attempt exists');
select results_eq($$select timer_type, outcome, persona_after from res_timers$$,
  $$values ('TIMER_7D'::text, 'executed'::text, 'nudge'::text)$$,
  'seven days later the worker fires TIMER_7D');

select * from finish();
rollback;
