-- A new campaign from an existing one (archived ones too): settings and steps
-- copied, switched off, no enrollments.
create or replace function public.copy_campaign(p_campaign_id uuid, p_campaign_key text, p_name text, p_actor text)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_source public.campaigns;
  v_new jsonb;
  v_steps integer;
begin
  select c.* into v_source from public.campaigns c where c.id = p_campaign_id;
  if not found then
    raise exception using errcode = 'P0002', message = 'campaign_not_found', detail = 'no campaign with this id in your account';
  end if;
  v_new := public.save_campaign(null, pg_catalog.jsonb_build_object(
    'campaign_key', p_campaign_key, 'name', p_name, 'description', v_source.description,
    'message_class', v_source.message_class, 'auto_enroll', v_source.auto_enroll,
    'allow_role_addresses', v_source.allow_role_addresses), p_actor);
  insert into public.campaign_steps (account_id, campaign_id, step, channel, delay_minutes, fallback, stop_on_events,
                                     template_key, subject, body, language, expires_after_minutes)
  select s.account_id, (v_new ->> 'campaign_id')::uuid, s.step, s.channel, s.delay_minutes, s.fallback, s.stop_on_events,
         s.template_key, s.subject, s.body, s.language, s.expires_after_minutes
  from public.campaign_steps s where s.campaign_id = v_source.id;
  get diagnostics v_steps = row_count;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_source.account_id, 'campaign_copied', 'campaign_builder', 'campaign', (v_new ->> 'campaign_id')::uuid, p_actor,
          pg_catalog.jsonb_build_object('from_campaign_id', v_source.id, 'from_campaign_key', v_source.campaign_key, 'steps', v_steps));
  return v_new || pg_catalog.jsonb_build_object('steps', v_steps, 'copied_from', v_source.id);
end
$$;

comment on function public.copy_campaign(uuid, text, text, text) is
  'Creates a campaign (inactive, no enrollments) with a new campaign_key and name from another campaign of the account: its description, message_class, auto_enroll, allow_role_addresses and every step. Validation as public.save_campaign; records campaign_created and campaign_copied in account_events. Returns save_campaign''s result plus steps and copied_from.';

revoke execute on function public.copy_campaign(uuid, text, text, text) from public;
grant execute on function public.copy_campaign(uuid, text, text, text) to revenue_api;
