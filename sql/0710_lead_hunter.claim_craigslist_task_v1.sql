create or replace function lead_hunter.claim_craigslist_task_v1(
  p_worker_id text,
  p_stale_after interval default interval '10 minutes',
  p_now timestamptz default now()
)
returns setof lead_hunter.craigslist_tasks_v1
language plpgsql
volatile
set search_path = ''
as $$
begin
  if p_worker_id is null or length(p_worker_id) = 0 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'a worker id is required';
  end if;
  -- Claims of hunters that died are released (or end the task once its attempts are spent).
  update lead_hunter.craigslist_tasks_v1 t
  set status = case when t.attempts >= t.max_attempts then 'failed' else 'queued' end,
      last_error = 'claim_expired',
      claimed_by = case when t.attempts >= t.max_attempts then t.claimed_by end,
      finished_at = case when t.attempts >= t.max_attempts then p_now end
  where t.status = 'claimed' and t.claimed_at < p_now - p_stale_after;

  return query
  with next_task as (
    select t.id
    from lead_hunter.craigslist_tasks_v1 t
    where t.status = 'queued' and t.not_before <= p_now and t.attempts < t.max_attempts
    order by t.task_type = 'detail' desc, t.not_before, t.created_at
    limit 1
    for update skip locked
  )
  update lead_hunter.craigslist_tasks_v1 t
  set status = 'claimed', claimed_by = p_worker_id, claimed_at = p_now, attempts = t.attempts + 1
  from next_task
  where t.id = next_task.id
  returning t.*;
end
$$;

comment on function lead_hunter.claim_craigslist_task_v1(text, interval, timestamptz) is
  'Claims the next due task for a hunter (for update skip locked, so hunters never share one; detail tasks before discovers). First releases claims older than p_stale_after (a hunter that died): back to queued, or failed with claim_expired when its attempts are spent. Returns no row when nothing is due.';

revoke execute on function lead_hunter.claim_craigslist_task_v1(text, interval, timestamptz) from public;
grant execute on function lead_hunter.claim_craigslist_task_v1(text, interval, timestamptz) to revenue_worker;
