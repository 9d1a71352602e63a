create or replace function lead_hunter.fail_task_v1(
  p_task_id uuid,
  p_worker_id text,
  p_code text,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_task lead_hunter.craigslist_tasks_v1;
  v_retry boolean;
  v_not_before timestamptz;
begin
  if p_code is null or p_code !~ '^[a-z][a-z0-9_]{0,63}$' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'a failure code like blocked_403 is required';
  end if;
  select t.* into v_task from lead_hunter.craigslist_tasks_v1 t where t.id = p_task_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'task_not_found', detail = pg_catalog.format('no task %s', p_task_id);
  end if;
  if v_task.status <> 'claimed' or v_task.claimed_by is distinct from p_worker_id then
    raise exception using errcode = 'P0001', message = 'task_not_claimed',
      detail = pg_catalog.format('task %s is %s and not claimed by %s', p_task_id, v_task.status, p_worker_id);
  end if;
  -- Blocks and timeouts may pass; a page without the expected elements will not change.
  v_retry := p_code in ('blocked_403', 'blocked_503', 'http_429', 'goto_timeout', 'goto_error') and v_task.attempts < v_task.max_attempts;
  -- Never retry a block immediately: wait 10, 20, 40 minutes.
  v_not_before := p_now + pg_catalog.make_interval(mins => 10 * (2 ^ (v_task.attempts - 1))::integer);
  update lead_hunter.craigslist_tasks_v1
  set status = case when v_retry then 'queued' else 'failed' end,
      last_error = p_code,
      not_before = case when v_retry then v_not_before else not_before end,
      claimed_by = case when v_retry then null else claimed_by end,
      finished_at = case when v_retry then null else p_now end
  where id = p_task_id;
  return pg_catalog.jsonb_build_object('status', case when v_retry then 'queued' else 'failed' end,
                                       'retry_at', case when v_retry then v_not_before end);
end
$$;

comment on function lead_hunter.fail_task_v1(uuid, text, text, timestamptz) is
  'Records a failed attempt with its code (blocked_403, blocked_503, detail_missing_dom, goto_timeout, ...). Blocks (blocked_403, blocked_503, http_429), timeouts and network errors (goto_timeout, goto_error) go back to the queue, never at once: after 10, 20, 40 minutes, until max_attempts; other failures, and the last attempt, end the task failed. Only the hunter holding the claim may fail it.';

revoke execute on function lead_hunter.fail_task_v1(uuid, text, text, timestamptz) from public;
grant execute on function lead_hunter.fail_task_v1(uuid, text, text, timestamptz) to revenue_worker;
