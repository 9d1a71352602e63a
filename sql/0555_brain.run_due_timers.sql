-- Seed 004 Part 5: timers that fire, and escalate the persona that speaks next.
create or replace function brain.run_due_timers(p_limit integer default 500, p_now timestamptz default now())
returns table (timer_id uuid, lead_id uuid, timer_type text, outcome text, persona_before text, persona_after text)
language plpgsql
volatile
set search_path = ''
as $$
begin
  return query
  with due as (
    select lt.id, lt.lead_id, lt.account_id, lt.timer_type
    from public.lead_timers lt
    where lt.trigger_at <= p_now and lt.executed_at is null and lt.cancelled_at is null
      and lt.attempts < lt.max_attempts
    order by lt.trigger_at
    limit p_limit
    for update of lt skip locked
  ), decided as (
    select d.*, l.persona as before,
           case
             when l.lead_state in ('closed', 'suppressed', 'appointment_booked') or ss.is_unsubscribed or ss.stop_event is not null then 'cancelled'
             else 'executed'
           end as outcome,
           case
             when d.timer_type = 'TIMER_7D' and l.persona = 'initial' then 'nudge'
             when d.timer_type in ('TIMER_14D', 'TIMER_30D') and l.persona in ('initial', 'nudge') then 'booking'
             else l.persona
           end as after
    from due d
    join public.leads l on l.id = d.lead_id and l.account_id = d.account_id
    join brain.lead_suppression_status_at(p_now) ss on ss.lead_id = d.lead_id
  ), marked as (
    update public.lead_timers lt
    set executed_at = case when x.outcome = 'executed' then p_now end,
        cancelled_at = case when x.outcome = 'cancelled' then p_now end,
        attempts = lt.attempts + 1
    from decided x where lt.id = x.id
    returning lt.id
  ), escalated as (
    update public.leads l set persona = x.after
    from decided x
    where l.id = x.lead_id and x.outcome = 'executed' and x.after <> x.before
    returning l.id
  ), logged as (
    -- One brain.record_event per row; the main query joins this one-row count so it always runs.
    select pg_catalog.count(brain.record_event(x.account_id, x.lead_id,
             case when x.outcome = 'executed' then 'timer_fired' else 'timer_cancelled' end, 'timers', 'internal',
             pg_catalog.jsonb_build_object('timer_type', x.timer_type, 'persona_before', x.before,
                                           'persona_after', case when x.outcome = 'executed' then x.after else x.before end),
             p_created_at => p_now)) as recorded
    from decided x
  )
  select x.id, x.lead_id, x.timer_type, x.outcome, x.before,
         case when x.outcome = 'executed' then x.after else x.before end
  from decided x cross join logged
  order by x.lead_id, x.timer_type;
end
$$;

comment on function brain.run_due_timers(integer, timestamptz) is
  'Runs up to p_limit due timers (skip locked): marks each executed, or cancelled when the lead may no longer be contacted, and escalates the persona for the next touches: TIMER_7D initial → nudge, TIMER_14D and TIMER_30D → booking (seed 004: initial outreach, nudge, booking). Logs timer_fired / timer_cancelled. FOLLOW_UP and CALLBACK timers are marked executed with no persona change.';

revoke execute on function brain.run_due_timers(integer, timestamptz) from public;
grant execute on function brain.run_due_timers(integer, timestamptz) to revenue_worker;
