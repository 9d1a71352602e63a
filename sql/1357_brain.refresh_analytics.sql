-- The worker's analytics refresh (crontab, every minute): the oldest marked leads, recounted.
create or replace function brain.refresh_analytics(p_limit integer default 20000)
returns integer
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_batch record;
  v_leads integer := 0;
begin
  -- Accounts in one order, so two refreshes wait for each other's account locks
  -- (brain.refresh_analytics_leads) without deadlocking.
  for v_batch in
    select t.account_id, pg_catalog.array_agg(distinct t.lead_id) as lead_ids
    from brain.take_analytics_dirty_leads(p_limit) t
    group by t.account_id
    order by t.account_id
  loop
    v_leads := v_leads + brain.refresh_analytics_leads(v_batch.account_id, v_batch.lead_ids);
  end loop;
  return v_leads;
end
$$;

comment on function brain.refresh_analytics(integer) is
  'Takes the oldest p_limit marks of analytics_dirty_leads (brain.take_analytics_dirty_leads) and recounts their leads, account by account (brain.refresh_analytics_leads). Returns how many leads it recounted. Two refreshes at once take different marks and wait for each other account by account; a change committed while one runs keeps its mark for the next call. Run from the worker''s crontab every minute (READ COMMITTED: each recount reads what the one before it committed).';

revoke execute on function brain.refresh_analytics(integer) from public;
grant execute on function brain.refresh_analytics(integer) to revenue_worker;
