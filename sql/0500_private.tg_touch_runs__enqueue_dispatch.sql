-- Work is queued by the database, in batches: a touch that is scheduled or queued
-- wakes its account's dispatch_touches job for the second it is due
-- (private.queue_touch_dispatch). A bulk insert of 100 touches due now adds one job,
-- not 100; a single touch still gets its job at once, so it is sent with low latency.
--
-- Inserts fire once per statement (one job per account and second they are due).
-- Updates fire per row, but only through a WHEN clause that the server checks
-- without calling the function, so the claim and outcome updates (sending, sent)
-- cost nothing here; only a reschedule queues.
create or replace function private.tg_touch_runs__enqueue_dispatch()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_due record;
begin
  if tg_level = 'STATEMENT' then
    for v_due in
      select n.account_id, pg_catalog.min(n.scheduled_at) as run_at
      from new_rows n
      where n.status in ('scheduled', 'queued')
      group by n.account_id, pg_catalog.floor(extract(epoch from n.scheduled_at))
    loop
      perform private.queue_touch_dispatch(v_due.account_id, v_due.run_at);
    end loop;
  else
    perform private.queue_touch_dispatch(new.account_id, new.scheduled_at);
  end if;
  return null;
end
$$;

comment on function private.tg_touch_runs__enqueue_dispatch() is
  'Trigger: wakes the batched dispatch for every touch inserted (once per statement) or moved (per row) into scheduled or queued: one graphile_worker job dispatch_touches {account_id} per account and second of scheduled_at, run_at = the earliest scheduled_at of that second, job_key private.touch_dispatch_job_key; a job of that second not yet taken by a worker is reused (see private.queue_touch_dispatch). The job claims the account''s due touches in batches (brain.claim_touches). Security definer: callers need no rights on graphile_worker.';

create or replace trigger enqueue_dispatch_insert after insert on public.touch_runs
  referencing new table as new_rows
  for each statement execute function private.tg_touch_runs__enqueue_dispatch();
create or replace trigger enqueue_dispatch_update after update of status, scheduled_at on public.touch_runs
  for each row
  when (new.status in ('scheduled', 'queued')
        and (old.status is distinct from new.status or old.scheduled_at is distinct from new.scheduled_at))
  execute function private.tg_touch_runs__enqueue_dispatch();
