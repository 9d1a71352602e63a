-- After an outcome, attempts left on the channel: the next attempt is created on
-- the same channel, queued at once when the cooldown is over (retry_same_channel)
-- or scheduled at the cooldown's end (wait_cooldown), moved into the send window.
begin;
select plan(8);

select tests.local_at(1, '10:00') as p \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l_night \gset
select tests.create_lead(:'a', '+13055550102') as l_hour \gset
select tests.create_lead(:'a', '+13055550103') as l_now \gset
create temp table touches on commit drop as
select k, lead_id, at, tests.create_touch(:'a', lead_id, null, 1, 'sms', 1, :'p'::timestamptz - interval '1 hour',
         tests.payload_v2('sms', p_order => array['sms', 'email'], p_max_attempts => '{"sms": 2, "email": 1}',
                          p_cooldown_minutes => jsonb_build_object('sms', cooldown, 'email', 0))) as id
from (values ('night', :'l_night'::uuid, 720, :'p'::timestamptz),
             ('hour', :'l_hour', 60, :'p'::timestamptz + interval '10 seconds'),
             ('now', :'l_now', 0, :'p'::timestamptz + interval '20 seconds')) x(k, lead_id, cooldown, at);

create temp table res on commit drop as
select k, brain.claim_touch(id, null, at) ->> 'outcome' as claimed,
       brain.record_touch_outcome(id, 'accepted', null, p_now => at) as r
from touches order by at;
create temp table next_touch on commit drop as
select x.k, t.* from touches x join public.touch_runs t on t.lead_id = x.lead_id and t.id <> x.id;

-- TEST: decisions.
select set_eq($$select k, claimed, r->'route'->>'decision' as decision from res$$,
  $$values ('night', 'claimed', 'wait_cooldown'), ('hour', 'claimed', 'wait_cooldown'), ('now', 'claimed', 'retry_same_channel')$$,
  'cooldown 720 and 60 min: wait_cooldown; cooldown 0: retry_same_channel');

-- TEST: the next attempts.
select results_eq(
  $$select channel::text, attempt, status, scheduled_at from next_touch where k = 'night'$$,
  format($$values ('sms'::text, 2, 'scheduled'::text, %L::timestamptz)$$, tests.local_at(2, '08:00')),
  'sent at 10:00 with a 12 h cooldown: attempt 2 scheduled at 08:00 the next day (22:00 is outside the window)');
select results_eq(
  $$select channel::text, attempt, status, scheduled_at from next_touch where k = 'hour'$$,
  format($$values ('sms'::text, 2, 'scheduled'::text, %L::timestamptz)$$, :'p'::timestamptz + interval '10 seconds' + interval '60 minutes'),
  '60 min cooldown: attempt 2 scheduled at the cooldown''s end');
select results_eq(
  $$select channel::text, attempt, status, scheduled_at from next_touch where k = 'now'$$,
  format($$values ('sms'::text, 2, 'queued'::text, %L::timestamptz)$$, :'p'::timestamptz + interval '20 seconds'),
  'no cooldown: attempt 2 queued at once');

-- TEST: the next touch's payload and job.
select is(
  (select jsonb_build_object('current', payload->'routing'->>'current_channel', 'parent', payload->'meta'->>'parent_touch_run_id',
                             'fallback', payload->'routing'->'fallback') from next_touch where k = 'night'),
  jsonb_build_object('current', 'sms', 'parent', (select id from touches where k = 'night'),
                     'fallback', (select payload->'routing'->'fallback' from public.touch_runs where id = (select id from touches where k = 'night'))),
  'it carries the same plan, current_channel sms and its parent touch');
select is((select max(run_at) from next_touch n, tests.dispatch_jobs(n.id) where n.k = 'night'), tests.local_at(2, '08:00'),
  'its dispatch job runs at 08:00');
select is(
  (select (r->'route'->>'next_touch_run_id')::uuid from res where k = 'hour'), (select id from next_touch where k = 'hour'),
  'the route names the touch it created');

-- TEST: the router logs its decision.
select is(
  (select count(*)::int from public.core_memory_events e join touches x on e.payload->>'touch_run_id' = x.id::text
   where e.event_type = 'touch_routed' and e.event_source = 'smart_router'),
  3, 'one touch_routed event per routed touch');

select * from finish();
rollback;
