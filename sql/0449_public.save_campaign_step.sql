-- The campaign builder's one way to add or edit a step: channel, delay,
-- subject, body, the fallback matrix (order, attempts, cooldowns), language
-- and expiry. Content is checked by brain.assert_step_content (the
-- campaign_steps trigger). A running campaign's step is changed only once
-- the caller has seen which enrolled leads it affects: without p_confirm the
-- answer is needs_confirmation with their count and a sample, and nothing is
-- written.
create or replace function public.save_campaign_step(
  p_campaign_id uuid,
  p_step integer,
  p_fields jsonb,
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
  v_old public.campaign_steps;
  v_new public.campaign_steps;
  v_step integer := p_step;
  v_unknown text;
  v_fallback jsonb;
  v_affected jsonb;
  v_changed jsonb;
begin
  if p_actor is null or pg_catalog.btrim(p_actor) = '' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an actor is required';
  end if;
  if p_fields is null or pg_catalog.jsonb_typeof(p_fields) <> 'object' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the fields must be a JSON object';
  end if;
  select k into v_unknown from pg_catalog.jsonb_object_keys(p_fields) k
  where k not in ('channel', 'delay_minutes', 'subject', 'body', 'fallback', 'language', 'expires_after_minutes', 'template_key') limit 1;
  if v_unknown is not null then
    raise exception using errcode = '22023', message = 'unknown_step_field',
      detail = pg_catalog.format('a step has no field %s (channel, delay_minutes, subject, body, fallback, language, expires_after_minutes, template_key)', v_unknown);
  end if;
  select c.* into v_campaign from public.campaigns c where c.id = p_campaign_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'campaign_not_found', detail = 'no campaign with this id in your account';
  end if;
  if v_campaign.archived_at is not null then
    raise exception using errcode = '55000', message = 'campaign_archived', detail = 'an archived campaign cannot be edited; copy it instead';
  end if;
  if p_fields ? 'channel' and coalesce(p_fields ->> 'channel', '') not in ('sms', 'whatsapp', 'voice', 'email') then
    raise exception using errcode = '22023', message = 'invalid_channel', detail = 'the channel is sms, whatsapp, voice or email';
  end if;
  if p_fields ? 'delay_minutes' and (pg_catalog.jsonb_typeof(p_fields -> 'delay_minutes') <> 'number'
       or (p_fields ->> 'delay_minutes') !~ '^[0-9]{1,6}$' or (p_fields ->> 'delay_minutes')::integer > 525600) then
    raise exception using errcode = '22023', message = 'invalid_delay', detail = 'the delay is a whole number of minutes from 0 to 525,600 (a year)';
  end if;
  if p_fields ? 'expires_after_minutes' and p_fields -> 'expires_after_minutes' <> 'null'::jsonb
     and ((p_fields ->> 'expires_after_minutes') !~ '^[0-9]{1,6}$' or (p_fields ->> 'expires_after_minutes')::integer < 1) then
    raise exception using errcode = '22023', message = 'invalid_expiry', detail = 'the expiry is a whole number of minutes, at least 1, or null';
  end if;
  if p_fields ? 'language' and coalesce(p_fields ->> 'language', '') !~ '^[a-z]{2}$' then
    raise exception using errcode = '22023', message = 'invalid_language', detail = 'the language is a two-letter code such as en or es';
  end if;
  if p_fields ? 'body' and pg_catalog.length(coalesce(p_fields ->> 'body', '')) > 5000 then
    raise exception using errcode = '22023', message = 'invalid_body', detail = 'a body is at most 5,000 characters';
  end if;
  if p_fields ? 'subject' and pg_catalog.length(coalesce(p_fields ->> 'subject', '')) > 300 then
    raise exception using errcode = '22023', message = 'invalid_subject', detail = 'a subject is at most 300 characters';
  end if;
  v_fallback := p_fields -> 'fallback';
  if v_fallback is not null and v_fallback <> 'null'::jsonb then
    if pg_catalog.jsonb_typeof(v_fallback) <> 'object' or pg_catalog.jsonb_typeof(v_fallback -> 'order') <> 'array'
       or pg_catalog.jsonb_array_length(v_fallback -> 'order') = 0
       or exists (select 1 from pg_catalog.jsonb_array_elements_text(v_fallback -> 'order') o where o not in ('sms', 'whatsapp', 'voice', 'email'))
       or (select count(*) <> count(distinct o) from pg_catalog.jsonb_array_elements_text(v_fallback -> 'order') o)
       or exists (select 1 from pg_catalog.jsonb_object_keys(v_fallback) k where k not in ('order', 'max_attempts', 'cooldown_minutes'))
       or exists (select 1 from pg_catalog.jsonb_each_text(coalesce(v_fallback -> 'max_attempts', '{}')) a
                  where a.key not in ('sms', 'whatsapp', 'voice', 'email') or a.value !~ '^[0-9]{1,2}$' or a.value::integer not between 1 and 10)
       or exists (select 1 from pg_catalog.jsonb_each_text(coalesce(v_fallback -> 'cooldown_minutes', '{}')) a
                  where a.key not in ('sms', 'whatsapp', 'voice', 'email') or a.value !~ '^[0-9]{1,5}$' or a.value::integer > 10080) then
      raise exception using errcode = '22023', message = 'invalid_fallback',
        detail = 'the fallback matrix is {"order": [distinct channels], "max_attempts": {channel: 1-10}, "cooldown_minutes": {channel: 0-10080}}';
    end if;
  end if;

  if v_step is not null then
    select s.* into v_old from public.campaign_steps s where s.campaign_id = v_campaign.id and s.step = v_step for update;
    if not found then
      raise exception using errcode = 'P0002', message = 'step_not_found',
        detail = pg_catalog.format('campaign %s has no step %s', v_campaign.campaign_key, v_step);
    end if;
  else
    if not (p_fields ? 'channel') then
      raise exception using errcode = '22023', message = 'invalid_argument', detail = 'a new step needs a channel';
    end if;
    select coalesce(max(s.step), 0) + 1 into v_step from public.campaign_steps s where s.campaign_id = v_campaign.id;
    if v_step > 100 then
      raise exception using errcode = '22023', message = 'too_many_steps', detail = 'a campaign has at most 100 steps';
    end if;
  end if;

  -- A running campaign: say which enrolled leads the change reaches before making it.
  if v_campaign.is_active and not coalesce(p_confirm, false) then
    v_affected := public.campaign_step_change_impact(v_campaign.id, v_step);
    if (v_affected ->> 'affected_leads')::integer > 0 then
      return pg_catalog.jsonb_build_object('needs_confirmation', true, 'campaign_id', v_campaign.id, 'step', v_step) || v_affected;
    end if;
  end if;

  if v_old.id is null then
    insert into public.campaign_steps (account_id, campaign_id, step, channel, delay_minutes, fallback, subject, body, language,
                                       expires_after_minutes, template_key)
    values (v_campaign.account_id, v_campaign.id, v_step, (p_fields ->> 'channel')::public.channel,
            coalesce((p_fields ->> 'delay_minutes')::integer, 0), nullif(v_fallback, 'null'::jsonb),
            nullif(p_fields ->> 'subject', ''), nullif(p_fields ->> 'body', ''), coalesce(p_fields ->> 'language', 'en'),
            (p_fields ->> 'expires_after_minutes')::integer, nullif(p_fields ->> 'template_key', ''))
    returning * into v_new;
    v_changed := p_fields;
  else
    update public.campaign_steps s set
      channel = coalesce((p_fields ->> 'channel')::public.channel, s.channel),
      delay_minutes = coalesce((p_fields ->> 'delay_minutes')::integer, s.delay_minutes),
      fallback = case when p_fields ? 'fallback' then nullif(v_fallback, 'null'::jsonb) else s.fallback end,
      subject = case when p_fields ? 'subject' then nullif(p_fields ->> 'subject', '') else s.subject end,
      body = case when p_fields ? 'body' then nullif(p_fields ->> 'body', '') else s.body end,
      language = coalesce(p_fields ->> 'language', s.language),
      expires_after_minutes = case when p_fields ? 'expires_after_minutes' then (p_fields ->> 'expires_after_minutes')::integer else s.expires_after_minutes end,
      template_key = case when p_fields ? 'template_key' then nullif(p_fields ->> 'template_key', '') else s.template_key end,
      updated_at = pg_catalog.now()
    where s.id = v_old.id
    returning * into v_new;
    select coalesce(pg_catalog.jsonb_object_agg(n.key, pg_catalog.jsonb_build_object('from', o.value, 'to', n.value)), '{}'::jsonb)
      into v_changed
    from pg_catalog.jsonb_each(pg_catalog.to_jsonb(v_new)) n
    join pg_catalog.jsonb_each(pg_catalog.to_jsonb(v_old)) o on o.key = n.key
    where n.key in ('channel', 'delay_minutes', 'fallback', 'subject', 'body', 'language', 'expires_after_minutes', 'template_key')
      and n.value is distinct from o.value;
  end if;

  if v_changed <> '{}'::jsonb then
    insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
    values (v_campaign.account_id, case when v_old.id is null then 'campaign_step_added' else 'campaign_step_saved' end,
            'campaign_builder', 'campaign', v_campaign.id, p_actor,
            -- Bodies are kept in the step itself; the audit names what changed, not the text.
            pg_catalog.jsonb_build_object('step', v_step,
              'changed', (select coalesce(pg_catalog.jsonb_agg(k order by k), '[]'::jsonb) from pg_catalog.jsonb_object_keys(v_changed) k),
              'confirmed', coalesce(p_confirm, false)));
  end if;
  return pg_catalog.jsonb_build_object('needs_confirmation', false, 'campaign_id', v_campaign.id, 'step', v_step,
                                       'created', v_old.id is null,
                                       'changed', (select coalesce(pg_catalog.jsonb_agg(k order by k), '[]'::jsonb) from pg_catalog.jsonb_object_keys(v_changed) k));
end
$$;

comment on function public.save_campaign_step(uuid, integer, jsonb, text, boolean) is
  'Adds (p_step null: appended) or edits a step of a campaign of the caller''s account: channel, delay_minutes, subject, body, fallback ({order, max_attempts, cooldown_minutes}), language, expires_after_minutes, template_key, each validated (22023 invalid_channel, invalid_delay, invalid_fallback, invalid_language, invalid_body, invalid_subject, invalid_expiry, unknown_step_field, too_many_steps; P0002 campaign_not_found, step_not_found; 55000 campaign_archived; template problems from brain.assert_step_content). For an active campaign with enrolled leads that have not passed the step, without p_confirm nothing is written and the answer is needs_confirmation with public.campaign_step_change_impact. Records campaign_step_added / campaign_step_saved in account_events with p_actor and the names of the changed fields (never the text).';

revoke execute on function public.save_campaign_step(uuid, integer, jsonb, text, boolean) from public;
grant execute on function public.save_campaign_step(uuid, integer, jsonb, text, boolean) to revenue_api;
