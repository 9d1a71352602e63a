-- Seed 004 Parts 5 and 7: due timers escalate the persona that speaks next:
-- TIMER_7D initial → nudge, TIMER_14D and TIMER_30D → booking.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
create temp table cases on commit drop as
select k, timer_type, persona, tests.create_lead(:'a', '+1305555' || lpad(n::text, 4, '0'), p_lead_state => 'touched') as lead_id
from (values (1, 'd7', 'TIMER_7D', 'initial'), (2, 'd14', 'TIMER_14D', 'nudge'), (3, 'd30', 'TIMER_30D', 'initial'),
             (4, 'd7_nudge', 'TIMER_7D', 'nudge'), (5, 'd14_booking', 'TIMER_14D', 'booking'), (6, 'follow_up', 'FOLLOW_UP', 'initial')) x(n, k, timer_type, persona);
update public.leads l set persona = c.persona from cases c where c.lead_id = l.id;
insert into public.lead_timers (account_id, lead_id, timer_type, trigger_at)
select :'a', lead_id, timer_type, :'now'::timestamptz - interval '1 minute' from cases;

create temp table res on commit drop as select * from brain.run_due_timers(p_now => :'now');

-- TEST: escalation.
select set_eq(
  $$select c.k, r.outcome, r.persona_before, r.persona_after from res r join cases c on c.lead_id = r.lead_id$$,
  $$values ('d7', 'executed', 'initial', 'nudge'), ('d14', 'executed', 'nudge', 'booking'), ('d30', 'executed', 'initial', 'booking'),
           ('d7_nudge', 'executed', 'nudge', 'nudge'), ('d14_booking', 'executed', 'booking', 'booking'),
           ('follow_up', 'executed', 'initial', 'initial')$$,
  'TIMER_7D: initial → nudge; TIMER_14D/30D: → booking; never backwards; FOLLOW_UP changes nothing');
select set_eq(
  $$select c.k, l.persona from cases c join public.leads l on l.id = c.lead_id$$,
  $$values ('d7', 'nudge'), ('d14', 'booking'), ('d30', 'booking'), ('d7_nudge', 'nudge'), ('d14_booking', 'booking'), ('follow_up', 'initial')$$,
  'leads.persona is escalated');

-- TEST: the timers are executed once.
select is(
  (select count(*)::int from public.lead_timers where account_id = :'a' and executed_at = :'now'::timestamptz and cancelled_at is null and attempts = 1),
  6, 'every due timer: executed_at = p_now, one attempt');
select is((select count(*)::int from brain.run_due_timers(p_now => :'now'::timestamptz + interval '1 hour')), 0,
  'an executed timer does not run again');

-- TEST: memory.
select set_eq(
  format($$select lead_id, event_source, payload->>'timer_type' as timer_type, payload->>'persona_after' as persona_after, created_at
           from public.core_memory_events where account_id = %L and event_type = 'timer_fired'$$, :'a'),
  format($$select lead_id, 'timers', timer_type, persona_after, %L::timestamptz from res$$, :'now'),
  'one timer_fired event per timer, with the persona after');
select is((select count(*)::int from public.core_memory_events where account_id = :'a' and event_type = 'timer_cancelled'), 0,
  'none cancelled');

select * from finish();
rollback;
