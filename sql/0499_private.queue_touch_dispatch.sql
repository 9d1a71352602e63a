-- Wakes the batched dispatch of one account at p_run_at: one dispatch_touches job per
-- account and second (private.touch_dispatch_job_key), never one job per touch.
create or replace function private.queue_touch_dispatch(p_account_id uuid, p_run_at timestamptz)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  select graphile_worker.add_job('dispatch_touches', pg_catalog.json_build_object('account_id', p_account_id),
                                 run_at => p_run_at, max_attempts => 10,
                                 job_key => private.touch_dispatch_job_key(p_account_id, p_run_at));
$$;

comment on function private.queue_touch_dispatch(uuid, timestamptz) is
  'Queues graphile_worker job dispatch_touches {account_id} at p_run_at under key private.touch_dispatch_job_key(account, p_run_at): the touches of one account due in the same second share one job, which claims them in a batch (brain.claim_touches). Security definer: callers need no rights on graphile_worker.';

revoke execute on function private.queue_touch_dispatch(uuid, timestamptz) from public;
grant execute on function private.queue_touch_dispatch(uuid, timestamptz) to revenue_worker;
