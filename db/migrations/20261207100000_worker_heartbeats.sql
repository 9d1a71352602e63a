-- migrate:up

-- Each worker process says it is alive every WORKER_HEARTBEAT_MS (10 s). One silent
-- for WORKER_DEAD_AFTER_MS (60 s) is declared dead by any live worker: its
-- graphile-worker jobs are unlocked (graphile_worker.force_unlock_workers) and the
-- touches it had claimed become unknown and are reconciled with the provider.
create table public.worker_heartbeats (
  worker_id text primary key constraint worker_heartbeats_worker_id_check check (length(worker_id) between 1 and 200),
  pid integer not null,
  host text not null constraint worker_heartbeats_host_check check (length(host) between 1 and 255),
  job_worker_ids text[] not null default '{}',
  started_at timestamptz not null default now(),
  beat_at timestamptz not null default now()
);
comment on table public.worker_heartbeats is
  'One row per live worker process, refreshed every WORKER_HEARTBEAT_MS (10 s). A row silent for WORKER_DEAD_AFTER_MS (60 s) is declared dead by brain.declare_dead_workers and removed. Not tenant data: workers serve every account.';
comment on column public.worker_heartbeats.worker_id is 'The process''s worker id (WORKER_ID, else host:pid); touch_runs.claimed_by holds it for the touches it claims.';
comment on column public.worker_heartbeats.pid is 'Operating-system process id of the worker.';
comment on column public.worker_heartbeats.host is 'Host name the worker runs on.';
comment on column public.worker_heartbeats.job_worker_ids is 'The ids graphile-worker locks this process''s jobs with (graphile_worker.jobs.locked_by): its worker pool id and its workers'' ids.';
comment on column public.worker_heartbeats.started_at is 'When the worker process started.';
comment on column public.worker_heartbeats.beat_at is 'Its latest heartbeat.';
-- Claims read it (is the claimer of a touch still sending alive?); the owner writes it.
grant select on public.worker_heartbeats to revenue_worker;

-- Which worker process claimed a touch, so its in-doubt touches are known when it dies.
alter table public.touch_runs add column claimed_by text;
comment on column public.touch_runs.claimed_by is
  'The worker process (worker_heartbeats.worker_id) that claimed the touch; when it is declared dead, its touches still sending become unknown.';
create index touch_runs_sending_claimed_by_idx on public.touch_runs (claimed_by) where status = 'sending';

-- A send the provider confirms it never received is sent again as the next attempt;
-- the new attempt points to the one it retries.
alter table public.touch_runs add column retry_of uuid;
alter table public.touch_runs add constraint touch_runs_retry_of_fkey
  foreign key (account_id, retry_of) references public.touch_runs (account_id, id) on delete set null (retry_of);
comment on column public.touch_runs.retry_of is
  'The attempt this one re-sends, when the provider confirmed it never received that one (error_code reconciled_not_found); null for a first attempt.';

-- migrate:down
alter table public.touch_runs drop constraint touch_runs_retry_of_fkey;
alter table public.touch_runs drop column retry_of;
drop index public.touch_runs_sending_claimed_by_idx;
alter table public.touch_runs drop column claimed_by;
drop table public.worker_heartbeats;
