-- A due timer of a lead that may no longer be contacted (closed, suppressed,
-- unsubscribed, stop event) is cancelled, not executed: no escalation.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'closed') as l_closed \gset
select tests.create_lead(:'a', '+13055550102', p_lead_state => 'suppressed') as l_suppressed \gset
select tests.create_lead(:'a', '+13055550103', p_lead_state => 'touched') as l_stop \gset
select tests.create_lead(:'a', '+13055550104', p_lead_state => 'touched') as l_booked \gset
select tests.create_lead(:'a', '+13055550105', p_lead_state => 'touched') as l_ok \gset
select tests.record_event(:'a', :'l_stop', 'opt_out', :'now'::timestamptz - interval '1 day', 'inbound', 'sms');
select tests.record_event(:'a', :'l_booked', 'appointment_booked', :'now'::timestamptz - interval '1 day', 'inbound');
insert into public.lead_timers (account_id, lead_id, timer_type, trigger_at)
select :'a', l, 'TIMER_7D', :'now'::timestamptz - interval '1 minute'
from unnest(array[:'l_closed', :'l_suppressed', :'l_stop', :'l_booked', :'l_ok']::uuid[]) l;

create temp table res on commit drop as select * from brain.run_due_timers(p_now => :'now');

-- TEST: outcomes.
select set_eq($$select lead_id, outcome, persona_after from res$$,
  format($$values (%L::uuid, 'cancelled'::text, 'initial'::text), (%L::uuid, 'cancelled', 'initial'), (%L::uuid, 'cancelled', 'initial'),
                  (%L::uuid, 'cancelled', 'initial'), (%L::uuid, 'executed', 'nudge')$$,
         :'l_closed', :'l_suppressed', :'l_stop', :'l_booked', :'l_ok'),
  'closed, suppressed, STOP, booked: cancelled without escalation; the control escalates');

-- TEST: rows.
select is(
  (select count(*)::int from public.lead_timers where lead_id <> :'l_ok' and account_id = :'a'
     and cancelled_at = :'now'::timestamptz and executed_at is null),
  4, 'their timers: cancelled_at = p_now, never executed');
select is(
  (select count(*)::int from public.leads where account_id = :'a' and id <> :'l_ok' and persona = 'initial'),
  4, 'their persona is unchanged');
select set_eq(
  format($$select lead_id, event_type from public.core_memory_events where account_id = %L and event_type like 'timer%%'$$, :'a'),
  format($$values (%L::uuid, 'timer_cancelled'::text), (%L::uuid, 'timer_cancelled'), (%L::uuid, 'timer_cancelled'),
                  (%L::uuid, 'timer_cancelled'), (%L::uuid, 'timer_fired')$$,
         :'l_closed', :'l_suppressed', :'l_stop', :'l_booked', :'l_ok'),
  'timer_cancelled for them, timer_fired for the control');

select * from finish();
rollback;
