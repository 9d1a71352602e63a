-- Outcomes of a batch are recorded in one call, each by brain.record_touch_outcome;
-- an element that cannot be recorded is answered with its error and undone alone.
begin;
select plan(8);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
update public.account_provider_settings set config = config || '{"max_per_second": 1000}' where account_id = :'a';
create temp table touches on commit drop as
select n, tests.create_touch(:'a', tests.create_lead(:'a', '+1305555' || (1100 + n)), null, 1, 'sms', 1, :'now'::timestamptz - interval '5 minutes') as id
from generate_series(1, 3) n;
select count(*) from brain.claim_touches(:'a', 10, 'worker-1', :'now');

select jsonb_build_array(
  jsonb_build_object('touch_run_id', (select id from touches where n = 1), 'result', 'accepted', 'provider_message_id', 'SM1', 'provider_status', 'queued'),
  jsonb_build_object('touch_run_id', '00000000-0000-0000-0000-000000000000', 'result', 'accepted'),
  jsonb_build_object('touch_run_id', (select id from touches where n = 2), 'result', 'rejected', 'error_code', 'invalid_number', 'error_message', 'not a mobile'),
  jsonb_build_object('touch_run_id', (select id from touches where n = 3), 'result', 'maybe'),
  jsonb_build_object('touch_run_id', (select id from touches where n = 3), 'result', 'unknown', 'error_code', 'http_500')
) as outcomes \gset
create temp table scores_before on commit drop as
select x.n, l.priority_score from touches x join public.touch_runs t on t.id = x.id join public.leads l on l.id = t.lead_id;
create temp table res on commit drop as
select e.i, e.x from jsonb_array_elements(brain.record_touch_outcomes(:'outcomes', :'now')) with ordinality e(x, i);

-- TEST: one answer per element, in order.
select results_eq(
  $$select x ->> 'touch_run_id', x ->> 'recorded', x ->> 'status', x ->> 'sqlstate' from res order by i$$,
  format($$values (%L, 'true', 'sent', null), ('00000000-0000-0000-0000-000000000000', 'false', null, 'P0002'),
                  (%L, 'true', 'failed', null), (%L, 'false', null, '22023'), (%L, 'true', 'unknown', null)$$,
         (select id from touches where n = 1), (select id from touches where n = 2), (select id from touches where n = 3),
         (select id from touches where n = 3)),
  'sent, not found (P0002), failed, invalid result (22023), unknown: in the order given');

-- TEST: the touches and their outbound messages.
select results_eq(
  $$select t.status, t.provider_message_id, t.error_code, m.status from touches x join public.touch_runs t on t.id = x.id
    join public.outbound_messages m on m.touch_run_id = t.id order by x.n$$,
  $$values ('sent'::text, 'SM1'::text, null::text, 'sent'::text), ('failed', null, 'invalid_number', 'failed'),
           ('unknown', null, 'http_500', 'unknown')$$,
  'each touch and its outbound message take their outcome');
select is(
  (select array_agg(event_type order by event_type) from public.core_memory_events
   where account_id = :'a' and event_type in ('touch_sent', 'touch_failed', 'touch_outcome_unknown')),
  array['touch_failed', 'touch_outcome_unknown', 'touch_sent'], 'one outcome event per touch');

-- TEST: the sent touch moved its lead and started its timers, as a single record does.
select is((select l.lead_state from public.leads l join public.touch_runs t on t.lead_id = l.id join touches x on x.id = t.id where x.n = 1),
  'touched', 'the lead of the sent touch is touched');

-- TEST: its priority_score follows its new state.
select cmp_ok(
  (select l.priority_score from public.leads l join public.touch_runs t on t.lead_id = l.id join touches x on x.id = t.id where x.n = 1),
  '>', (select priority_score from scores_before where n = 1),
  'the touched lead scores higher than it did as new');
select is(
  (select array_agg(l.priority_score::integer order by x.n) from touches x join public.touch_runs t on t.id = x.id join public.leads l on l.id = t.lead_id),
  (select array_agg(brain.lead_priority(st.priority_weight, l.phone, l.phone_line_type, l.email,
                                        (select g.engagement from brain.lead_engagement(l.id, now()) g))::integer order by x.n)
   from touches x join public.touch_runs t on t.id = x.id join public.leads l on l.id = t.lead_id
   join public.lead_states st on st.state = l.lead_state),
  'every lead of the batch has the score its state and engagement give now');

-- TEST: bad arguments.
select throws_ok($$select brain.record_touch_outcomes('{"touch_run_id": "x"}')$$, '22023', 'invalid_argument', 'an object, not an array, is refused');
select is(brain.record_touch_outcomes('[]'), '[]'::jsonb, 'an empty batch records nothing');

select * from finish();
rollback;
