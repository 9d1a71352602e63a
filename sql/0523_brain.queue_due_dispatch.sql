-- The safety net of batched dispatch, run from worker/crontab every minute: every
-- account with touches due gets a dispatch job now, so a touch whose wake-up was lost
-- (a batch skipped it as busy, or its job ran out of attempts) waits a minute at most.
create or replace function brain.queue_due_dispatch(p_now timestamptz default now())
returns integer
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_account uuid;
  v_count integer := 0;
begin
  for v_account in
    select distinct t.account_id
    from public.touch_runs t
    where t.status in ('scheduled', 'queued') and t.scheduled_at <= p_now
  loop
    perform private.queue_touch_dispatch(v_account, p_now);
    v_count := v_count + 1;
  end loop;
  return v_count;
end
$$;

comment on function brain.queue_due_dispatch(timestamptz) is
  'Queues a dispatch_touches job (private.queue_touch_dispatch, at p_now) for every account that has touches scheduled or queued and due by p_now, so a touch whose wake-up was lost is still sent within a minute. Called by the dispatch_due_touches crontab task; returns how many accounts.';

revoke execute on function brain.queue_due_dispatch(timestamptz) from public;
grant execute on function brain.queue_due_dispatch(timestamptz) to revenue_worker;
