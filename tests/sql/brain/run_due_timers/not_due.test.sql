-- Timers not due yet, and cancelled ones, are untouched; a timer is due at
-- exactly its trigger_at.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as l_later \gset
select tests.create_lead(:'a', '+13055550102', p_lead_state => 'touched') as l_exact \gset
select tests.create_lead(:'a', '+13055550103', p_lead_state => 'touched') as l_cancelled \gset
insert into public.lead_timers (account_id, lead_id, timer_type, trigger_at, cancelled_at) values
  (:'a', :'l_later', 'TIMER_7D', :'now'::timestamptz + interval '1 second', null),
  (:'a', :'l_exact', 'TIMER_7D', :'now', null),
  (:'a', :'l_cancelled', 'TIMER_7D', :'now'::timestamptz - interval '1 day', :'now'::timestamptz - interval '2 days');

create temp table res on commit drop as select * from brain.run_due_timers(p_now => :'now');

-- TEST: only the timer due at exactly p_now runs.
select results_eq($$select lead_id, outcome from res$$, format($$values (%L::uuid, 'executed'::text)$$, :'l_exact'),
  'due at exactly p_now: executed; one second later or cancelled: not taken');
select results_eq(
  format($$select executed_at, attempts from public.lead_timers where lead_id = %L$$, :'l_later'),
  $$values (null::timestamptz, 0)$$, 'the later timer is untouched');
select is((select persona from public.leads where id = :'l_later'), 'initial', 'its lead is not escalated');
select is((select count(*)::int from public.core_memory_events where lead_id in (:'l_later', :'l_cancelled')), 0, 'no events for them');

select * from finish();
rollback;
