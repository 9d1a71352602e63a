-- A worker process says it is alive (every WORKER_HEARTBEAT_MS), with the
-- graphile-worker ids whose job locks are its own.
create or replace function brain.beat_worker(
  p_worker_id text,
  p_pid integer,
  p_host text,
  p_job_worker_ids text[],
  p_now timestamptz default now()
)
returns void
language sql
volatile
set search_path = ''
as $$
  insert into public.worker_heartbeats (worker_id, pid, host, job_worker_ids, started_at, beat_at)
  values (p_worker_id, p_pid, p_host, coalesce(p_job_worker_ids, '{}'), p_now, p_now)
  on conflict (worker_id) do update
    set pid = excluded.pid, host = excluded.host, job_worker_ids = excluded.job_worker_ids, beat_at = excluded.beat_at
$$;

comment on function brain.beat_worker(text, integer, text, text[], timestamptz) is
  'Records a heartbeat of worker process p_worker_id (insert on its first beat, then beat_at = p_now) with its graphile-worker worker ids (job locks). Called every WORKER_HEARTBEAT_MS by each worker; brain.declare_dead_workers acts on the silent ones.';

revoke execute on function brain.beat_worker(text, integer, text, text[], timestamptz) from public;
