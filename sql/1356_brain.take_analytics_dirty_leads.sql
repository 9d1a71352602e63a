-- The oldest marks of analytics_dirty_leads, removed and returned.
create or replace function brain.take_analytics_dirty_leads(p_limit integer)
returns table (account_id uuid, lead_id uuid)
language sql
volatile
set search_path = ''
as $$
  with oldest as (
    select d.account_id, d.id
    from public.analytics_dirty_leads d
    order by d.id
    limit p_limit
  )
  delete from public.analytics_dirty_leads d
  using oldest o
  where d.account_id = o.account_id and d.id = o.id
  returning d.account_id, d.lead_id
$$;

comment on function brain.take_analytics_dirty_leads(integer) is
  'Deletes the p_limit oldest marks of analytics_dirty_leads and returns their account and lead (a lead may come more than once). Marks of transactions not yet committed are not seen, so they stay for the next call. Only brain.refresh_analytics calls it, under its lock.';

revoke execute on function brain.take_analytics_dirty_leads(integer) from public;
grant execute on function brain.take_analytics_dirty_leads(integer) to revenue_worker;
