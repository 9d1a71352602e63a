-- The one way to switch a campaign on or off.
create or replace function public.set_campaign_active(
  p_campaign_id uuid,
  p_active boolean,
  p_actor text default null
)
returns setof public.campaigns
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_campaign public.campaigns;
begin
  if p_active is null then
    raise exception using errcode = '22004', message = 'invalid_argument', detail = 'p_active must be true or false';
  end if;
  select c.* into v_campaign from public.campaigns c where c.id = p_campaign_id for update;
  if not found then
    raise exception using
      errcode = 'P0002',
      message = 'campaign_not_found',
      detail = pg_catalog.format('no campaign with id %s is visible', p_campaign_id);
  end if;

  if p_active and v_campaign.archived_at is not null then
    raise exception using errcode = '55000', message = 'campaign_archived',
      detail = pg_catalog.format('campaign %s is archived and cannot run again; copy it instead', v_campaign.campaign_key);
  end if;

  if v_campaign.is_active is distinct from p_active then
    update public.campaigns set is_active = p_active where id = p_campaign_id;
    insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
    values (
      v_campaign.account_id,
      case when p_active then 'campaign_activated' else 'campaign_paused' end,
      'set_campaign_active', 'campaign', p_campaign_id, p_actor,
      pg_catalog.jsonb_build_object('campaign_key', v_campaign.campaign_key, 'was_active', v_campaign.is_active));
  end if;

  return query select c.* from public.campaigns c where c.id = p_campaign_id;
end
$$;

comment on function public.set_campaign_active(uuid, boolean, text) is
  'Switches a campaign on or off (is_active; status follows by construction), records campaign_activated / campaign_paused in account_events when it changed, and returns the campaign re-read from the table. Raises campaign_not_found when it is not visible, and campaign_archived (55000) when switching an archived campaign on.';

revoke execute on function public.set_campaign_active(uuid, boolean, text) from public;
grant execute on function public.set_campaign_active(uuid, boolean, text) to revenue_api, revenue_worker;
