-- The dashboard's view of the job queue: counts only, never job payloads or errors
-- (those may name other accounts' data).
create or replace function public.system_health()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object(
    'jobs', (
      select pg_catalog.jsonb_build_object(
        'pending', count(*) filter (where j.locked_at is null and j.attempts < j.max_attempts),
        'running', count(*) filter (where j.locked_at is not null),
        'failed', count(*) filter (where j.attempts >= j.max_attempts),
        'retrying', count(*) filter (where j.attempts > 0 and j.attempts < j.max_attempts and j.locked_at is null))
      from graphile_worker.jobs j),
    'by_task', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('task', t.task_identifier, 'pending', t.pending,
               'running', t.running, 'failed', t.failed) order by t.task_identifier)
      from (select j.task_identifier,
                   count(*) filter (where j.locked_at is null and j.attempts < j.max_attempts) as pending,
                   count(*) filter (where j.locked_at is not null) as running,
                   count(*) filter (where j.attempts >= j.max_attempts) as failed
            from graphile_worker.jobs j group by j.task_identifier) t), '[]'::jsonb),
    'crontab', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('identifier', k.identifier, 'known_since', k.known_since,
               'last_execution', k.last_execution) order by k.identifier)
      from graphile_worker._private_known_crontabs k), '[]'::jsonb))
$$;

comment on function public.system_health() is
  'Job queue health for the console dashboard: pending, running, failed and retrying graphile-worker jobs in total and per task, and each crontab task''s last execution. Counts only: no payloads or error texts, which may carry other accounts'' data.';

revoke execute on function public.system_health() from public;
grant execute on function public.system_health() to revenue_api, revenue_analyst;
