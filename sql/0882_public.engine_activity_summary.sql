-- What `make run` prints every minute and at Ctrl-C: a few counts across all
-- accounts, each read through a per-account index (memory events by type and
-- time, inbound messages by time, due touches), so it stays cheap on a large
-- database.
create or replace function public.engine_activity_summary(p_since timestamptz, p_now timestamptz default now())
returns table (
  touches_sent bigint,
  touches_failed bigint,
  touches_queued bigint,
  replies bigint,
  jobs_waiting bigint
)
language sql
stable
security definer
set search_path = ''
as $$
  select
    (select count(*) from public.accounts a
       join public.core_memory_events e
         on e.account_id = a.id and e.event_type = 'touch_sent' and e.created_at >= p_since and e.created_at < p_now),
    (select count(*) from public.accounts a
       join public.core_memory_events e
         on e.account_id = a.id and e.event_type = 'touch_failed' and e.created_at >= p_since and e.created_at < p_now),
    (select count(*) from public.touch_runs t
      where t.status in ('scheduled', 'queued') and t.scheduled_at <= p_now),
    (select count(*) from public.accounts a
       join public.inbound_messages m
         on m.account_id = a.id and m.received_at >= p_since and m.received_at < p_now),
    (select count(*) from graphile_worker.jobs j
      where j.locked_at is null and j.run_at <= p_now and j.attempts < j.max_attempts)
$$;

comment on function public.engine_activity_summary(timestamptz, timestamptz) is
  'Engine activity across all accounts for the terminal summary of make run: touches sent (touch_sent events) and failed (touch_failed events) and replies received (inbound_messages) in [p_since, p_now); touches due now and not yet sent (scheduled or queued, scheduled_at <= p_now); graphile-worker jobs waiting to run. Counts only.';

revoke execute on function public.engine_activity_summary(timestamptz, timestamptz) from public;
