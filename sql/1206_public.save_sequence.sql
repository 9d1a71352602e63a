-- The Sequences page's one way to create or edit a sequence and its steps. The steps are
-- given whole (the editor's list) and replace the old ones; each is checked like a
-- campaign step (strict variables), and nothing is written when one fails.
create or replace function public.save_sequence(p_sequence_id uuid, p_fields jsonb, p_actor text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_old public.sequences;
  v_new public.sequences;
  v_unknown text;
  v_trigger text;
  v_days integer;
  v_step jsonb;
  v_n integer := 0;
begin
  if v_account is null or p_actor is null or pg_catalog.btrim(p_actor) = '' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an account (app.account_id) and an actor are required';
  end if;
  if p_fields is null or pg_catalog.jsonb_typeof(p_fields) <> 'object' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the fields must be a JSON object';
  end if;
  select k into v_unknown from pg_catalog.jsonb_object_keys(p_fields) k
  where k not in ('name', 'trigger_on', 'no_response_days', 'steps') limit 1;
  if v_unknown is not null then
    raise exception using errcode = '22023', message = 'unknown_sequence_field',
      detail = pg_catalog.format('a sequence has no field %s (name, trigger_on, no_response_days, steps)', v_unknown);
  end if;
  if p_sequence_id is not null then
    select s.* into v_old from public.sequences s where s.id = p_sequence_id and s.account_id = v_account for update;
    if not found then
      raise exception using errcode = 'P0002', message = 'sequence_not_found', detail = 'no sequence with this id in your account';
    end if;
    if v_old.archived_at is not null then
      raise exception using errcode = '55000', message = 'sequence_archived', detail = 'an archived sequence cannot be edited';
    end if;
  elsif not (p_fields ? 'name' and p_fields ? 'trigger_on') then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'a new sequence needs a name and a trigger_on';
  end if;
  if p_fields ? 'name' and pg_catalog.length(pg_catalog.btrim(coalesce(p_fields ->> 'name', ''))) not between 1 and 200 then
    raise exception using errcode = '22023', message = 'invalid_sequence_name', detail = 'the name is 1 to 200 characters';
  end if;
  v_trigger := coalesce(p_fields ->> 'trigger_on', v_old.trigger_on);
  if v_trigger not in ('meeting_requested', 'no_response', 'booking_reminder', 'manual') then
    raise exception using errcode = '22023', message = 'invalid_trigger',
      detail = 'trigger_on is meeting_requested, no_response, booking_reminder or manual';
  end if;
  if v_old.is_active and v_trigger <> v_old.trigger_on then
    raise exception using errcode = '55000', message = 'sequence_active', detail = 'switch the sequence off before changing what starts it';
  end if;
  if p_fields ? 'no_response_days' and p_fields -> 'no_response_days' <> 'null'::jsonb
     and ((p_fields ->> 'no_response_days') !~ '^[0-9]{1,2}$' or (p_fields ->> 'no_response_days')::integer not between 1 and 90) then
    raise exception using errcode = '22023', message = 'invalid_no_response_days', detail = 'no_response_days is a whole number of days from 1 to 90';
  end if;
  v_days := case when v_trigger <> 'no_response' then null
                 when p_fields ? 'no_response_days' then (p_fields ->> 'no_response_days')::integer
                 else coalesce(v_old.no_response_days, 3) end;
  if v_trigger = 'no_response' and v_days is null then
    raise exception using errcode = '22023', message = 'invalid_no_response_days', detail = 'a no_response sequence needs no_response_days (1 to 90)';
  end if;
  if p_fields ? 'steps' then
    if pg_catalog.jsonb_typeof(p_fields -> 'steps') <> 'array' or pg_catalog.jsonb_array_length(p_fields -> 'steps') > 30 then
      raise exception using errcode = '22023', message = 'invalid_steps', detail = 'steps is a list of at most 30 steps';
    end if;
    for v_step in select x from pg_catalog.jsonb_array_elements(p_fields -> 'steps') x loop
      v_n := v_n + 1;
      if pg_catalog.jsonb_typeof(v_step) <> 'object' then
        raise exception using errcode = '22023', message = 'invalid_steps', detail = pg_catalog.format('step %s is not an object', v_n);
      end if;
      select k into v_unknown from pg_catalog.jsonb_object_keys(v_step) k
      where k not in ('channel', 'delay_amount', 'delay_unit', 'subject', 'body', 'requires_approval') limit 1;
      if v_unknown is not null then
        raise exception using errcode = '22023', message = 'unknown_step_field',
          detail = pg_catalog.format('step %s: a step has no field %s (channel, delay_amount, delay_unit, subject, body, requires_approval)', v_n, v_unknown);
      end if;
      if coalesce(v_step ->> 'delay_amount', '0') !~ '^[0-9]{1,4}$' then
        raise exception using errcode = '22023', message = 'invalid_delay',
          detail = pg_catalog.format('step %s: the delay is a whole number from 0 to 2160', v_n);
      end if;
      if v_step ? 'requires_approval' and pg_catalog.jsonb_typeof(v_step -> 'requires_approval') <> 'boolean' then
        raise exception using errcode = '22023', message = 'invalid_requires_approval', detail = pg_catalog.format('step %s: requires_approval is true or false', v_n);
      end if;
      perform brain.assert_sequence_step(v_trigger, v_n, v_step ->> 'channel', coalesce((v_step ->> 'delay_amount')::integer, 0),
                                         coalesce(v_step ->> 'delay_unit', 'days'), nullif(v_step ->> 'subject', ''), v_step ->> 'body');
    end loop;
  elsif v_old.id is not null and v_trigger <> v_old.trigger_on then
    -- The steps stay: they must still fit the new trigger.
    perform brain.assert_sequence_step(v_trigger, s.step_order, s.channel::text, s.delay_amount, s.delay_unit, s.subject, s.body)
    from public.sequence_steps s where s.sequence_id = v_old.id order by s.step_order;
  end if;

  if exists (select 1 from public.sequences s where s.account_id = v_account
             and s.name = pg_catalog.btrim(coalesce(p_fields ->> 'name', v_old.name)) and s.id is distinct from v_old.id) then
    raise exception using errcode = '23505', message = 'sequence_name_taken', detail = 'this account already has a sequence with this name';
  end if;

  if v_old.id is null then
    insert into public.sequences (account_id, name, trigger_on, no_response_days, is_active)
    values (v_account, pg_catalog.btrim(p_fields ->> 'name'), v_trigger, v_days, false)
    returning * into v_new;
  else
    update public.sequences s
    set name = coalesce(pg_catalog.btrim(p_fields ->> 'name'), s.name), trigger_on = v_trigger, no_response_days = v_days
    where s.id = v_old.id and s.account_id = v_account
    returning * into v_new;
  end if;
  if p_fields ? 'steps' then
    delete from public.sequence_steps s where s.sequence_id = v_new.id and s.account_id = v_account;
    insert into public.sequence_steps (account_id, sequence_id, step_order, channel, delay_amount, delay_unit, subject, body, requires_approval)
    select v_account, v_new.id, x.n::integer, (x.s ->> 'channel')::public.channel, coalesce((x.s ->> 'delay_amount')::integer, 0),
           coalesce(x.s ->> 'delay_unit', 'days'), nullif(pg_catalog.btrim(coalesce(x.s ->> 'subject', '')), ''), x.s ->> 'body',
           coalesce((x.s ->> 'requires_approval')::boolean, false)
    from pg_catalog.jsonb_array_elements(p_fields -> 'steps') with ordinality x(s, n);
  end if;
  if v_new.is_active and not exists (select 1 from public.sequence_steps s where s.sequence_id = v_new.id) then
    raise exception using errcode = 'P0001', message = 'sequence_has_no_steps', detail = 'an active sequence needs at least one step';
  end if;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_account, case when v_old.id is null then 'sequence_created' else 'sequence_saved' end, 'sequences',
          'sequence', v_new.id, p_actor,
          pg_catalog.jsonb_build_object('fields', (select coalesce(pg_catalog.jsonb_agg(k order by k), '[]'::jsonb)
                                                   from pg_catalog.jsonb_object_keys(p_fields) k),
                                        'steps', (select pg_catalog.count(*) from public.sequence_steps s where s.sequence_id = v_new.id)));
  return pg_catalog.jsonb_build_object('sequence_id', v_new.id, 'name', v_new.name, 'trigger_on', v_new.trigger_on,
    'created', v_old.id is null, 'is_active', v_new.is_active,
    'steps', (select pg_catalog.count(*) from public.sequence_steps s where s.sequence_id = v_new.id));
end
$$;

comment on function public.save_sequence(uuid, jsonb, text) is
  'Creates (p_sequence_id null: inactive; needs name and trigger_on) or edits a sequence of the caller''s account (app.account_id): name, trigger_on (meeting_requested, no_response, booking_reminder, manual; not while active: 55000 sequence_active), no_response_days (1-90, no_response only; default 3), steps (the whole list, replacing the old one: [{channel, delay_amount, delay_unit, subject, body, requires_approval}], at most 30). Every step is checked by brain.assert_sequence_step, strict variables exactly as campaign steps (22023 unknown_template_variable, invalid_template_placeholder, step_subject_required, step_body_required, hours_before_meeting_needs_booking, invalid_channel, invalid_delay, invalid_delay_unit, unknown_step_field, invalid_steps, unknown_sequence_field, invalid_sequence_name, invalid_trigger, invalid_no_response_days; 23505 sequence_name_taken; 55000 sequence_archived; P0002 sequence_not_found; P0001 sequence_has_no_steps for an active one): nothing is written when one fails. Records sequence_created / sequence_saved in account_events (field names, never text). Returns {sequence_id, name, trigger_on, created, is_active, steps}.';

revoke execute on function public.save_sequence(uuid, jsonb, text) from public;
grant execute on function public.save_sequence(uuid, jsonb, text) to revenue_api;
