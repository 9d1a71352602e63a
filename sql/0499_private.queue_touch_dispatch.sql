-- Wakes the batched dispatch of one account at p_run_at: one dispatch_touches job per
-- account and second (private.touch_dispatch_job_key), never one job per touch.
create or replace function private.queue_touch_dispatch(p_account_id uuid, p_run_at timestamptz)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_key text := private.touch_dispatch_job_key(p_account_id, p_run_at);
begin
  -- A job for this second that no worker has taken yet will see this transaction's
  -- touches: lock it until commit (a worker fetching jobs skips locked rows, so it
  -- runs after the commit) and add nothing. Touches inserted one by one, many per
  -- second, then cost a row lock each instead of a job upsert and a NOTIFY.
  perform 1 from graphile_worker._private_jobs j
  where j.key = v_key and j.locked_at is null and j.attempts = 0
  for update;
  if found then
    return;
  end if;
  -- Otherwise a job (job_key replace: when the key's job is already running, a new one
  -- is added beside it).
  perform graphile_worker.add_job('dispatch_touches', pg_catalog.json_build_object('account_id', p_account_id),
                                  run_at => p_run_at, max_attempts => 10, job_key => v_key);
end
$$;

comment on function private.queue_touch_dispatch(uuid, timestamptz) is
  'Wakes graphile_worker job dispatch_touches {account_id} at p_run_at under key private.touch_dispatch_job_key(account, p_run_at): the touches of one account due in the same second share one job, which claims them in a batch (brain.claim_touches). When that second''s job exists and no worker has taken it, it is locked until the caller commits and nothing is added; else the job is added (job_key replace). Security definer: callers need no rights on graphile_worker.';

revoke execute on function private.queue_touch_dispatch(uuid, timestamptz) from public;
grant execute on function private.queue_touch_dispatch(uuid, timestamptz) to revenue_worker;
