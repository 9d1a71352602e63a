-- p_dry_run returns the decisions and writes nothing.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select :'now'::timestamptz - interval '60 days' as long_ago \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l1 \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.record_event(:'a', l, 'touch_sent', :'long_ago', 'outbound', 'sms') from unnest(array[:'l1', :'l2']::uuid[]) l;
select tests.create_touch(:'a', :'l2', null, 1, 'voice', 1, :'long_ago'::timestamptz + interval '1 day',
                          '{"meta": {"source": "brain_full_auto_reactivation"}}');
select count(*) as events_before from public.core_memory_events where account_id = :'a' \gset

create temp table dry on commit drop as select * from public.run_reactivation_orchestrator(p_dry_run => true, p_now => :'now');

-- TEST: decisions.
select set_eq(
  $$select lead_id, channel, round, decision, scheduled_at, touch_run_id from dry$$,
  format($$values (%L::uuid, 'voice'::text, 1, 'queued'::text, %L::timestamptz, null::uuid), (%L::uuid, 'voice', 2, 'skip_duplicate', null, null)$$,
         :'l1', :'now', :'l2'),
  'dry run: l1 would be queued, l2 is a duplicate');

-- TEST: nothing written.
select is((select count(*)::int from public.touch_runs where account_id = :'a'), 1, 'no touch created');
select is((select count(*)::int from public.core_memory_events where account_id = :'a'), :'events_before'::int, 'no memory event');
select is((select count(*)::int from public.account_events where account_id = :'a'), 0, 'no reactivation_tick');
select is((select count(*)::int from graphile_worker.jobs where key like 'dispatch_touch:%' and key <> 'dispatch_touch:' || (select id from public.touch_runs where lead_id = :'l2')),
  0, 'no dispatch job');

-- TEST: the real tick decides the same.
create temp table real_run on commit drop as select * from public.run_reactivation_orchestrator(p_now => :'now');
select set_eq($$select account_id, lead_id, channel, round, decision, scheduled_at from real_run$$,
              $$select account_id, lead_id, channel, round, decision, scheduled_at from dry$$,
  'a real tick returns the same decisions');

select * from finish();
rollback;
