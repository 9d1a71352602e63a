-- Work is queued by the database: a touch that is scheduled or queued gets one
-- dispatch_touch job, keyed by the touch, running at scheduled_at. A reschedule
-- moves the same job (job_key replace).
create or replace function private.tg_touch_runs__enqueue_dispatch()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform graphile_worker.add_jobs(array(
      select row('dispatch_touch', pg_catalog.json_build_object('touch_run_id', n.id), null, n.scheduled_at,
                 10, 'dispatch_touch:' || n.id::text, null, null)::graphile_worker.job_spec
      from new_rows n
      where n.status in ('scheduled', 'queued')));
  else
    perform graphile_worker.add_jobs(array(
      select row('dispatch_touch', pg_catalog.json_build_object('touch_run_id', n.id), null, n.scheduled_at,
                 10, 'dispatch_touch:' || n.id::text, null, null)::graphile_worker.job_spec
      from new_rows n
      join old_rows o on o.id = n.id
      where n.status in ('scheduled', 'queued')
        and (o.status is distinct from n.status or o.scheduled_at is distinct from n.scheduled_at)));
  end if;
  return null;
end
$$;

comment on function private.tg_touch_runs__enqueue_dispatch() is
  'Trigger (per statement): queues graphile_worker job dispatch_touch {touch_run_id} with run_at = scheduled_at and job_key dispatch_touch:<id> for every touch inserted, or moved, into scheduled or queued. Security definer: callers need no rights on graphile_worker.';

create or replace trigger enqueue_dispatch_insert after insert on public.touch_runs
  referencing new table as new_rows
  for each statement execute function private.tg_touch_runs__enqueue_dispatch();
create or replace trigger enqueue_dispatch_update after update on public.touch_runs
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.tg_touch_runs__enqueue_dispatch();
