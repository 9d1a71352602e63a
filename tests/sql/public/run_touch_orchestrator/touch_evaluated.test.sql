-- Every evaluated lead gets exactly one touch_evaluated memory event with the
-- decision, the campaign, the step and the touch created (if any).
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.create_lead(:'a', '+13055550101') as l_queued \gset
select tests.create_lead(:'a', '+13055550102') as l_stop \gset
select tests.create_lead(:'a', null, 'x@example.com') as l_unreachable \gset
select tests.record_event(:'a', :'l_stop', 'do_not_contact', :'now'::timestamptz - interval '1 day', 'inbound', 'sms');
select tests.enroll(:'a', :'c', l, :'now'::timestamptz - interval '1 minute')
from unnest(array[:'l_queued', :'l_stop', :'l_unreachable']::uuid[]) l;

create temp table r on commit drop as select * from public.run_touch_orchestrator(p_now => :'now');

-- TEST: one event per lead.
select set_eq(
  format($$select lead_id, count(*)::int from public.core_memory_events where account_id = %L and event_type = 'touch_evaluated' group by lead_id$$, :'a'),
  format($$values (%L::uuid, 1), (%L::uuid, 1), (%L::uuid, 1)$$, :'l_queued', :'l_stop', :'l_unreachable'),
  'exactly one touch_evaluated per evaluated lead');

-- TEST: its content.
select set_eq(
  format($$select lead_id, event_source, direction, created_at, payload->>'decision', (payload->>'campaign_id')::uuid, (payload->>'step')::int
           from public.core_memory_events where account_id = %L and event_type = 'touch_evaluated'$$, :'a'),
  format($$values (%1$L::uuid, 'touch_orchestrator'::text, 'internal'::text, %4$L::timestamptz, 'queued'::text, %5$L::uuid, 1),
                  (%2$L::uuid, 'touch_orchestrator', 'internal', %4$L, 'stop_lead', %5$L, 1),
                  (%3$L::uuid, 'touch_orchestrator', 'internal', %4$L, 'skip_unreachable', %5$L, 1)$$,
         :'l_queued', :'l_stop', :'l_unreachable', :'now', :'c'),
  'source touch_orchestrator, internal, at p_now, with decision, campaign and step');
select is(
  (select (e.payload->>'touch_run_id')::uuid from public.core_memory_events e
   where e.lead_id = :'l_queued' and e.event_type = 'touch_evaluated'),
  (select id from public.touch_runs where lead_id = :'l_queued'),
  'the queued lead''s event names its touch_run');
select is(
  (select count(*)::int from public.core_memory_events e
   where e.lead_id in (:'l_stop', :'l_unreachable') and e.event_type = 'touch_evaluated' and e.payload->>'touch_run_id' is null),
  2, 'the others name no touch');

select * from finish();
rollback;
