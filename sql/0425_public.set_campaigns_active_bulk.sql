-- "Pause all running" (and its opposite) for one account.
create or replace function public.set_campaigns_active_bulk(
  p_account_id uuid,
  p_active boolean,
  p_actor text default null
)
returns setof public.campaigns
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_changed uuid[];
begin
  if p_active is null then
    raise exception using errcode = '22004', message = 'invalid_argument', detail = 'p_active must be true or false';
  end if;
  with locked as (
    select c.id from public.campaigns c
    where c.account_id = p_account_id and c.is_active is distinct from p_active and (not p_active or c.archived_at is null)
    order by c.id
    for update
  ), changed as (
    update public.campaigns c set is_active = p_active
    from locked where c.id = locked.id
    returning c.id, c.account_id, c.campaign_key
  ), logged as (
    insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
    select changed.account_id,
           case when p_active then 'campaign_activated' else 'campaign_paused' end,
           'set_campaigns_active_bulk', 'campaign', changed.id, p_actor,
           pg_catalog.jsonb_build_object('campaign_key', changed.campaign_key, 'bulk', true)
    from changed
    returning subject_id
  )
  select coalesce(pg_catalog.array_agg(subject_id), '{}') into v_changed from logged;

  return query select c.* from public.campaigns c where c.id = any(v_changed) order by c.campaign_key;
end
$$;

comment on function public.set_campaigns_active_bulk(uuid, boolean, text) is
  'Switches every campaign of the account that is not already in the wanted state ("pause all running" with p_active = false; archived campaigns are never switched on), logs one account_events row per campaign changed, and returns the changed campaigns re-read from the table (none when nothing changed).';

revoke execute on function public.set_campaigns_active_bulk(uuid, boolean, text) from public;
grant execute on function public.set_campaigns_active_bulk(uuid, boolean, text) to revenue_api, revenue_worker;
