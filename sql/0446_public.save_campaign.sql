-- The campaign builder's one way to create or edit a campaign's settings:
-- key, name, description, message class and auto-enroll. Validated here, and
-- each save is recorded in account_events with who changed which fields.
-- p_campaign_id null creates (inactive; switching on is set_campaign_active's).
create or replace function public.save_campaign(p_campaign_id uuid, p_fields jsonb, p_actor text)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_old public.campaigns;
  v_new public.campaigns;
  v_unknown text;
  v_changed jsonb;
begin
  if v_account is null or p_actor is null or pg_catalog.btrim(p_actor) = '' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an account (app.account_id) and an actor are required';
  end if;
  if p_fields is null or pg_catalog.jsonb_typeof(p_fields) <> 'object' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the fields must be a JSON object';
  end if;
  select k into v_unknown from pg_catalog.jsonb_object_keys(p_fields) k
  where k not in ('campaign_key', 'name', 'description', 'message_class', 'auto_enroll', 'response_mode', 'auto_send_threshold', 'auto_send_delay_min_seconds', 'auto_send_delay_max_seconds', 'ai_persona_id', 'allow_role_addresses') limit 1;
  if v_unknown is not null then
    raise exception using errcode = '22023', message = 'unknown_campaign_field',
      detail = pg_catalog.format('a campaign has no field %s (campaign_key, name, description, message_class, auto_enroll, response_mode, auto_send_threshold, auto_send_delay_min_seconds, auto_send_delay_max_seconds, ai_persona_id, allow_role_addresses)', v_unknown);
  end if;
  if p_fields ? 'campaign_key' and coalesce(p_fields ->> 'campaign_key', '') !~ '^[a-z0-9][a-z0-9_]{0,79}$' then
    raise exception using errcode = '22023', message = 'invalid_campaign_key',
      detail = 'campaign_key is 1 to 80 lower-case letters, digits or _, starting with a letter or digit, e.g. autos_outbound_miami';
  end if;
  if p_fields ? 'name' and pg_catalog.length(pg_catalog.btrim(coalesce(p_fields ->> 'name', ''))) not between 1 and 200 then
    raise exception using errcode = '22023', message = 'invalid_campaign_name', detail = 'the name is 1 to 200 characters';
  end if;
  if p_fields ? 'description' and pg_catalog.length(coalesce(p_fields ->> 'description', '')) > 2000 then
    raise exception using errcode = '22023', message = 'invalid_campaign_description', detail = 'the description is at most 2,000 characters';
  end if;
  if p_fields ? 'message_class' and coalesce(p_fields ->> 'message_class', '') !~ '^[a-z][a-z0-9_]{0,39}$' then
    raise exception using errcode = '22023', message = 'invalid_message_class',
      detail = 'message_class is a lower-case word such as cold_outreach, follow_up or transactional';
  end if;
  if p_fields ? 'auto_enroll' and pg_catalog.jsonb_typeof(p_fields -> 'auto_enroll') <> 'boolean' then
    raise exception using errcode = '22023', message = 'invalid_auto_enroll', detail = 'auto_enroll is true or false';
  end if;
  -- The AI inbox (issue 17): who answers this campaign's replies.
  if p_fields ? 'response_mode' and coalesce(p_fields ->> 'response_mode', '') not in ('setter_managed', 'ai_auto_send') then
    raise exception using errcode = '22023', message = 'invalid_response_mode',
      detail = 'response_mode is setter_managed (a person approves every draft) or ai_auto_send';
  end if;
  if p_fields ? 'auto_send_threshold' and (pg_catalog.jsonb_typeof(p_fields -> 'auto_send_threshold') <> 'number'
                                             or (p_fields ->> 'auto_send_threshold')::numeric not between 0.5 and 1) then
    raise exception using errcode = '22023', message = 'invalid_auto_send_threshold', detail = 'auto_send_threshold is a number from 0.5 to 1';
  end if;
  if (p_fields ? 'auto_send_delay_min_seconds' and (pg_catalog.jsonb_typeof(p_fields -> 'auto_send_delay_min_seconds') <> 'number'
                                                     or (p_fields ->> 'auto_send_delay_min_seconds') !~ '^\d{1,5}$'
                                                     or (p_fields ->> 'auto_send_delay_min_seconds')::integer > 86400))
     or (p_fields ? 'auto_send_delay_max_seconds' and (pg_catalog.jsonb_typeof(p_fields -> 'auto_send_delay_max_seconds') <> 'number'
                                                        or (p_fields ->> 'auto_send_delay_max_seconds') !~ '^\d{1,5}$'
                                                        or (p_fields ->> 'auto_send_delay_max_seconds')::integer > 86400)) then
    raise exception using errcode = '22023', message = 'invalid_auto_send_delay', detail = 'the auto-send delays are whole seconds from 0 to 86400';
  end if;
  -- Issue 19: whether this campaign may email role mailboxes (info@, sales@).
  if p_fields ? 'allow_role_addresses' and pg_catalog.jsonb_typeof(p_fields -> 'allow_role_addresses') <> 'boolean' then
    raise exception using errcode = '22023', message = 'invalid_allow_role_addresses', detail = 'allow_role_addresses is true or false';
  end if;
  if p_fields ? 'ai_persona_id' and p_fields -> 'ai_persona_id' <> 'null'::jsonb
     and not exists (select 1 from public.ai_personas a
                     where a.account_id = v_account and a.id::text = p_fields ->> 'ai_persona_id') then
    raise exception using errcode = '22023', message = 'invalid_ai_persona', detail = 'no such persona in your account';
  end if;

  if p_campaign_id is null then
    if not (p_fields ? 'campaign_key' and p_fields ? 'name') then
      raise exception using errcode = '22023', message = 'invalid_argument', detail = 'a new campaign needs a campaign_key and a name';
    end if;
    if exists (select 1 from public.campaigns c where c.account_id = v_account and c.campaign_key = p_fields ->> 'campaign_key') then
      raise exception using errcode = '23505', message = 'campaign_key_taken',
        detail = pg_catalog.format('this account already has a campaign %s', p_fields ->> 'campaign_key');
    end if;
    insert into public.campaigns (account_id, campaign_key, name, description, message_class, auto_enroll, is_active,
                                  response_mode, auto_send_threshold, auto_send_delay_min_seconds, auto_send_delay_max_seconds,
                                  ai_persona_id, allow_role_addresses)
    values (v_account, p_fields ->> 'campaign_key', pg_catalog.btrim(p_fields ->> 'name'), p_fields ->> 'description',
            coalesce(p_fields ->> 'message_class', 'cold_outreach'), coalesce((p_fields ->> 'auto_enroll')::boolean, false), false,
            coalesce(p_fields ->> 'response_mode', 'setter_managed'), coalesce((p_fields ->> 'auto_send_threshold')::real, 0.9),
            coalesce((p_fields ->> 'auto_send_delay_min_seconds')::integer, 180),
            coalesce((p_fields ->> 'auto_send_delay_max_seconds')::integer, 420),
            (p_fields ->> 'ai_persona_id')::uuid, coalesce((p_fields ->> 'allow_role_addresses')::boolean, false))
    returning * into v_new;
    v_changed := p_fields;
  else
    select c.* into v_old from public.campaigns c where c.id = p_campaign_id and c.account_id = v_account for update;
    if not found then
      raise exception using errcode = 'P0002', message = 'campaign_not_found', detail = 'no campaign with this id in your account';
    end if;
    if v_old.archived_at is not null then
      raise exception using errcode = '55000', message = 'campaign_archived', detail = 'an archived campaign cannot be edited; copy it instead';
    end if;
    if p_fields ? 'campaign_key' and p_fields ->> 'campaign_key' <> v_old.campaign_key
       and exists (select 1 from public.campaigns c where c.account_id = v_account and c.campaign_key = p_fields ->> 'campaign_key') then
      raise exception using errcode = '23505', message = 'campaign_key_taken',
        detail = pg_catalog.format('this account already has a campaign %s', p_fields ->> 'campaign_key');
    end if;
    update public.campaigns c set
      campaign_key = coalesce(p_fields ->> 'campaign_key', c.campaign_key),
      name = case when p_fields ? 'name' then pg_catalog.btrim(p_fields ->> 'name') else c.name end,
      description = case when p_fields ? 'description' then p_fields ->> 'description' else c.description end,
      message_class = coalesce(p_fields ->> 'message_class', c.message_class),
      auto_enroll = coalesce((p_fields ->> 'auto_enroll')::boolean, c.auto_enroll),
      response_mode = coalesce(p_fields ->> 'response_mode', c.response_mode),
      auto_send_threshold = coalesce((p_fields ->> 'auto_send_threshold')::real, c.auto_send_threshold),
      auto_send_delay_min_seconds = coalesce((p_fields ->> 'auto_send_delay_min_seconds')::integer, c.auto_send_delay_min_seconds),
      auto_send_delay_max_seconds = coalesce((p_fields ->> 'auto_send_delay_max_seconds')::integer, c.auto_send_delay_max_seconds),
      ai_persona_id = case when p_fields ? 'ai_persona_id' then (p_fields ->> 'ai_persona_id')::uuid else c.ai_persona_id end,
      allow_role_addresses = coalesce((p_fields ->> 'allow_role_addresses')::boolean, c.allow_role_addresses),
      updated_at = pg_catalog.now()
    where c.id = v_old.id
    returning * into v_new;
    select coalesce(pg_catalog.jsonb_object_agg(n.key, pg_catalog.jsonb_build_object('from', o.value, 'to', n.value)), '{}'::jsonb)
      into v_changed
    from pg_catalog.jsonb_each(pg_catalog.to_jsonb(v_new)) n
    join pg_catalog.jsonb_each(pg_catalog.to_jsonb(v_old)) o on o.key = n.key
    where n.key in ('campaign_key', 'name', 'description', 'message_class', 'auto_enroll', 'response_mode', 'auto_send_threshold', 'auto_send_delay_min_seconds', 'auto_send_delay_max_seconds', 'ai_persona_id', 'allow_role_addresses') and n.value is distinct from o.value;
  end if;

  if v_changed <> '{}'::jsonb then
    insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
    values (v_account, case when p_campaign_id is null then 'campaign_created' else 'campaign_saved' end, 'campaign_builder',
            'campaign', v_new.id, p_actor, pg_catalog.jsonb_build_object('changes', v_changed));
  end if;
  return pg_catalog.jsonb_build_object('campaign_id', v_new.id, 'campaign_key', v_new.campaign_key, 'name', v_new.name,
                                       'created', p_campaign_id is null, 'changed', v_changed);
end
$$;

comment on function public.save_campaign(uuid, jsonb, text) is
  'Creates (p_campaign_id null: inactive, needs campaign_key and name) or edits a campaign of the caller''s account (app.account_id): fields campaign_key, name, description, message_class, auto_enroll, and the AI inbox''s response_mode (setter_managed | ai_auto_send), auto_send_threshold (0.5-1), auto_send_delay_min_seconds / auto_send_delay_max_seconds (0-86400, min ≤ max: 23514 campaigns_auto_send_delay_check) and ai_persona_id (a persona of the account, or null), and allow_role_addresses (issue 19: whether its touches may email role mailboxes such as info@), each validated (22023 invalid_campaign_key, invalid_campaign_name, invalid_message_class, invalid_auto_enroll, invalid_response_mode, invalid_auto_send_threshold, invalid_auto_send_delay, invalid_ai_persona, invalid_allow_role_addresses, unknown_campaign_field; 23505 campaign_key_taken; 55000 campaign_archived; P0002 campaign_not_found). Records campaign_created / campaign_saved in account_events with p_actor and each changed field''s from/to. Switching a campaign on or off is public.set_campaign_active''s. Returns campaign_id, campaign_key, name, created and changed.';

revoke execute on function public.save_campaign(uuid, jsonb, text) from public;
grant execute on function public.save_campaign(uuid, jsonb, text) to revenue_api;
