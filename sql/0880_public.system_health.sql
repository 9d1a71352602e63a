-- The dashboard's view of the job queue, for the caller's account only: counts of
-- the jobs that are about this account's rows, never job payloads or errors, and
-- never another account's figures.
create or replace function public.system_health()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  with me as (
    select nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid as account_id
  ),
  -- Each job our triggers queue names its row in the job key (<task>:<uuid>);
  -- a job is the account's when that row is. Crontab jobs belong to nobody.
  keyed as (
    select j.task_identifier, j.locked_at, j.attempts, j.max_attempts,
           case when pg_catalog.split_part(j.key, ':', 2) ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                then pg_catalog.split_part(j.key, ':', 2)::uuid end as row_id
    from graphile_worker.jobs j
    where j.task_identifier in ('dispatch_touch', 'dispatch_touches', 'inbound_post_process', 'import_leads')
  ),
  mine as (
    select k.* from keyed k, me
    where me.account_id is not null and k.row_id is not null
      and case k.task_identifier
            when 'dispatch_touch' then exists (select 1 from public.touch_runs t where t.id = k.row_id and t.account_id = me.account_id)
            -- Batched dispatch names the account itself (dispatch_touches:<account_id>:<second>).
            when 'dispatch_touches' then k.row_id = me.account_id
            when 'inbound_post_process' then exists (select 1 from public.inbound_messages m where m.id = k.row_id and m.account_id = me.account_id)
            when 'import_leads' then exists (select 1 from public.lead_imports i where i.id = k.row_id and i.account_id = me.account_id)
          end
  )
  select pg_catalog.jsonb_build_object(
    'scope', 'account',
    'jobs', (
      select pg_catalog.jsonb_build_object(
        'pending', count(*) filter (where j.locked_at is null and j.attempts < j.max_attempts),
        'running', count(*) filter (where j.locked_at is not null),
        'failed', count(*) filter (where j.attempts >= j.max_attempts),
        'retrying', count(*) filter (where j.attempts > 0 and j.attempts < j.max_attempts and j.locked_at is null))
      from mine j),
    'by_task', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('task', t.task_identifier, 'pending', t.pending,
               'running', t.running, 'failed', t.failed) order by t.task_identifier)
      from (select j.task_identifier,
                   count(*) filter (where j.locked_at is null and j.attempts < j.max_attempts) as pending,
                   count(*) filter (where j.locked_at is not null) as running,
                   count(*) filter (where j.attempts >= j.max_attempts) as failed
            from mine j group by j.task_identifier) t), '[]'::jsonb),
    -- Receipts-first ingest: the account's webhooks received and not yet applied by the drain.
    'receipts', (
      select pg_catalog.jsonb_build_object(
        'waiting', count(*) filter (where r.failed_at is null),
        'failed', count(*) filter (where r.failed_at is not null),
        'oldest_waiting_at', min(r.received_at) filter (where r.failed_at is null),
        'oldest_age_s', coalesce(pg_catalog.round(extract(epoch from now() - min(r.received_at) filter (where r.failed_at is null))::numeric, 1), 0))
      from public.webhook_receipts r, me
      where r.account_id = me.account_id and r.processed_at is null),
    -- The engine's periodic tasks are shared by every account: when each last ran
    -- (liveness), not what it did for anyone.
    'crontab', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('identifier', k.identifier, 'known_since', k.known_since,
               'last_execution', k.last_execution) order by k.identifier)
      from graphile_worker._private_known_crontabs k), '[]'::jsonb))
$$;

comment on function public.system_health() is
  'Job queue health for the caller''s account (app.account_id): pending, running, failed and retrying graphile-worker jobs in total and per task, counting only jobs about this account''s rows (dispatch_touch of its touch_runs, dispatch_touches of the account itself, inbound_post_process of its inbound_messages, import_leads of its lead_imports, matched by job key), receipts: the account''s webhook receipts not yet applied by the drain (waiting, failed: given up after five attempts, oldest_waiting_at and oldest_age_s: the oldest waiting receipt and its age in seconds at now(), 0 when none waits), and each shared crontab task''s last execution (liveness). Without an account every count is 0. Counts only: no payloads or error texts, and no other account''s figures.';

revoke execute on function public.system_health() from public;
grant execute on function public.system_health() to revenue_api, revenue_analyst;
