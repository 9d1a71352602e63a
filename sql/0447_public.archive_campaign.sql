-- A campaign is archived, never deleted: it stops (its enrollments stop, its
-- pending touches are canceled by claim_touch as campaign_inactive) and leaves
-- the campaign list, while its touches and history stay.
create or replace function public.archive_campaign(p_campaign_id uuid, p_actor text)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_campaign public.campaigns;
  v_stopped integer;
begin
  if p_actor is null or pg_catalog.btrim(p_actor) = '' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an actor is required';
  end if;
  select c.* into v_campaign from public.campaigns c where c.id = p_campaign_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'campaign_not_found', detail = 'no campaign with this id in your account';
  end if;
  if v_campaign.archived_at is not null then
    return pg_catalog.jsonb_build_object('campaign_id', v_campaign.id, 'archived', false, 'already_archived', true);
  end if;
  update public.campaigns set is_active = false, archived_at = pg_catalog.now(), archived_by = p_actor, updated_at = pg_catalog.now()
  where id = v_campaign.id;
  update public.campaign_leads set status = 'stopped', stopped_at = pg_catalog.now(), stop_reason = 'campaign_archived'
  where account_id = v_campaign.account_id and campaign_id = v_campaign.id and status in ('active', 'paused');
  get diagnostics v_stopped = row_count;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_campaign.account_id, 'campaign_archived', 'campaign_builder', 'campaign', v_campaign.id, p_actor,
          pg_catalog.jsonb_build_object('campaign_key', v_campaign.campaign_key, 'was_active', v_campaign.is_active,
                                        'enrollments_stopped', v_stopped));
  return pg_catalog.jsonb_build_object('campaign_id', v_campaign.id, 'archived', true, 'enrollments_stopped', v_stopped);
end
$$;

comment on function public.archive_campaign(uuid, text) is
  'Archives a campaign of the caller''s account: it is switched off and can never run again (campaigns_archived_not_active_check), its active and paused enrollments stop with stop_reason campaign_archived, and campaign_archived is recorded in account_events with p_actor. Touches and history stay. Idempotent: an archived campaign answers already_archived. P0002 campaign_not_found.';

revoke execute on function public.archive_campaign(uuid, text) from public;
grant execute on function public.archive_campaign(uuid, text) to revenue_api;
