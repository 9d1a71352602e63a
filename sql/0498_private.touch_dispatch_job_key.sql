-- The job key that coalesces the dispatch of an account's touches due in the same
-- second: every touch that becomes due in that second rides on one job.
create or replace function private.touch_dispatch_job_key(p_account_id uuid, p_scheduled_at timestamptz)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select 'dispatch_touches:' || p_account_id::text || ':'
         || pg_catalog.floor(extract(epoch from p_scheduled_at))::bigint::text
$$;

comment on function private.touch_dispatch_job_key(uuid, timestamptz) is
  'Job key dispatch_touches:<account_id>:<epoch second of p_scheduled_at>: the touches of one account due in the same second share one dispatch_touches job (job_key replace: a job already running gets a new one beside it).';

revoke execute on function private.touch_dispatch_job_key(uuid, timestamptz) from public;
