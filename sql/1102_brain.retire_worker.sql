-- A worker process that stops cleanly takes its heartbeat row with it, so it is
-- never declared dead.
create or replace function brain.retire_worker(p_worker_id text)
returns boolean
language sql
volatile
set search_path = ''
as $$
  with gone as (delete from public.worker_heartbeats h where h.worker_id = p_worker_id returning 1)
  select exists (select 1 from gone)
$$;

comment on function brain.retire_worker(text) is
  'Removes the heartbeat row of a worker process that stopped cleanly (its jobs are finished and unlocked by graphile-worker), so brain.declare_dead_workers never declares it dead. True when a row was removed.';

revoke execute on function brain.retire_worker(text) from public;
