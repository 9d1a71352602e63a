-- Reorders a campaign's steps (the step at p_from moves to p_to, the ones in
-- between shift by one), or removes one (p_to null: later steps move up).
-- A running campaign changes only once the caller has seen which enrolled
-- leads it reaches (needs_confirmation without p_confirm).
create or replace function public.move_campaign_step(
  p_campaign_id uuid,
  p_from integer,
  p_to integer,
  p_actor text,
  p_confirm boolean default false
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_campaign public.campaigns;
  v_count integer;
  v_steps public.campaign_steps[];
  v_impact jsonb;
begin
  if p_actor is null or pg_catalog.btrim(p_actor) = '' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an actor is required';
  end if;
  select c.* into v_campaign from public.campaigns c where c.id = p_campaign_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'campaign_not_found', detail = 'no campaign with this id in your account';
  end if;
  if v_campaign.archived_at is not null then
    raise exception using errcode = '55000', message = 'campaign_archived', detail = 'an archived campaign cannot be edited; copy it instead';
  end if;
  select count(*) into v_count from public.campaign_steps s where s.campaign_id = v_campaign.id;
  if p_from is null or p_from not between 1 and v_count or (p_to is not null and p_to not between 1 and v_count) then
    raise exception using errcode = '22023', message = 'invalid_step',
      detail = pg_catalog.format('steps are numbered 1 to %s', v_count);
  end if;
  if p_to = p_from then
    return pg_catalog.jsonb_build_object('needs_confirmation', false, 'moved', false);
  end if;
  if v_campaign.is_active and not coalesce(p_confirm, false) then
    v_impact := public.campaign_step_change_impact(v_campaign.id, least(p_from, coalesce(p_to, v_count)));
    if (v_impact ->> 'affected_leads')::integer > 0 then
      return pg_catalog.jsonb_build_object('needs_confirmation', true, 'campaign_id', v_campaign.id) || v_impact;
    end if;
  end if;
  if v_campaign.is_active and p_to is null and v_count = 1 then
    raise exception using errcode = '55000', message = 'last_step_of_active_campaign',
      detail = 'a running campaign keeps at least one step; pause it first';
  end if;

  -- Renumber by taking the rows out and putting them back in the new order.
  select pg_catalog.array_agg(s order by
           case when s.step = p_from then coalesce(p_to, 0) * 2 + (case when p_to > p_from then 1 else -1 end)
                else s.step * 2 end)
    into v_steps
  from public.campaign_steps s where s.campaign_id = v_campaign.id and (p_to is not null or s.step <> p_from);
  delete from public.campaign_steps s where s.campaign_id = v_campaign.id;
  insert into public.campaign_steps (id, account_id, campaign_id, step, channel, delay_minutes, fallback, stop_on_events,
                                     template_key, subject, body, language, expires_after_minutes, created_at, updated_at)
  select x.id, x.account_id, x.campaign_id, x.ordinality::integer, x.channel, x.delay_minutes, x.fallback, x.stop_on_events,
         x.template_key, x.subject, x.body, x.language, x.expires_after_minutes, x.created_at, pg_catalog.now()
  from pg_catalog.unnest(v_steps) with ordinality as x;

  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_campaign.account_id, case when p_to is null then 'campaign_step_removed' else 'campaign_step_moved' end,
          'campaign_builder', 'campaign', v_campaign.id, p_actor,
          pg_catalog.jsonb_build_object('from', p_from, 'to', p_to, 'confirmed', coalesce(p_confirm, false)));
  return pg_catalog.jsonb_build_object('needs_confirmation', false, 'moved', p_to is not null, 'removed', p_to is null,
                                       'steps', pg_catalog.cardinality(v_steps));
end
$$;

comment on function public.move_campaign_step(uuid, integer, integer, text, boolean) is
  'Moves step p_from of a campaign of the caller''s account to position p_to (the steps between shift by one), or removes it when p_to is null (later steps move up). 22023 invalid_step outside 1..count; 55000 campaign_archived, last_step_of_active_campaign. For an active campaign with enrolled leads that have not passed the first step concerned, without p_confirm nothing changes and the answer is needs_confirmation with public.campaign_step_change_impact. Records campaign_step_moved / campaign_step_removed in account_events with p_actor.';

revoke execute on function public.move_campaign_step(uuid, integer, integer, text, boolean) from public;
grant execute on function public.move_campaign_step(uuid, integer, integer, text, boolean) to revenue_api;
