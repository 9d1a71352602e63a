create or replace function lead_hunter.release_task_v1(p_task_id uuid, p_worker_id text)
returns boolean
language sql
volatile
set search_path = ''
as $$
  with released as (
    update lead_hunter.craigslist_tasks_v1
    set status = 'queued', claimed_by = null, claimed_at = null, attempts = greatest(attempts - 1, 0)
    where id = p_task_id and status = 'claimed' and claimed_by = p_worker_id
    returning 1
  )
  select exists (select 1 from released)
$$;

comment on function lead_hunter.release_task_v1(uuid, text) is
  'A hunter shutting down gives back the task it holds: queued again, and the attempt does not count. True when released; false when it did not hold it.';

revoke execute on function lead_hunter.release_task_v1(uuid, text) from public;
grant execute on function lead_hunter.release_task_v1(uuid, text) to revenue_worker;
