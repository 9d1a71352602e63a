-- Work is queued by the database: a touch that is scheduled or queued gets one
-- dispatch_touch job, keyed by the touch, running at scheduled_at. A reschedule
-- moves the same job (job_key replace).
--
-- Inserts fire once per statement (a batch of touches makes one add_jobs call).
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
begin
  if tg_level = 'STATEMENT' then
    perform graphile_worker.add_jobs(array(
      select row('dispatch_touch', pg_catalog.json_build_object('touch_run_id', n.id), null, n.scheduled_at,
                 10, 'dispatch_touch:' || n.id::text, null, null)::graphile_worker.job_spec
      from new_rows n
      where n.status in ('scheduled', 'queued')));
  else
    perform graphile_worker.add_job('dispatch_touch', pg_catalog.json_build_object('touch_run_id', new.id),
                                    run_at => new.scheduled_at, max_attempts => 10,
                                    job_key => 'dispatch_touch:' || new.id::text);
  end if;
  return null;
end
$$;

comment on function private.tg_touch_runs__enqueue_dispatch() is
  'Trigger: queues graphile_worker job dispatch_touch {touch_run_id} with run_at = scheduled_at and job_key dispatch_touch:<id> for every touch inserted (once per statement), or moved (per row), into scheduled or queued. Security definer: callers need no rights on graphile_worker.';

create or replace trigger enqueue_dispatch_insert after insert on public.touch_runs
  referencing new table as new_rows
  for each statement execute function private.tg_touch_runs__enqueue_dispatch();
create or replace trigger enqueue_dispatch_update after update of status, scheduled_at on public.touch_runs
  for each row
  when (new.status in ('scheduled', 'queued')
        and (old.status is distinct from new.status or old.scheduled_at is distinct from new.scheduled_at))
  execute function private.tg_touch_runs__enqueue_dispatch();
