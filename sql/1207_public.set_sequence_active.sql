-- Switching a sequence on or off. On is refused while any step could not be sent
-- (seed 003 E11: activation re-checks every step), or while another sequence of the
-- same trigger is on. Off stops new starts and holds its running runs' steps.
create or replace function public.set_sequence_active(p_sequence_id uuid, p_active boolean, p_actor text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_seq public.sequences;
  v_step record;
  v_other text;
begin
  if v_account is null or p_actor is null or pg_catalog.btrim(p_actor) = '' or p_active is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an account (app.account_id), on/off and an actor are required';
  end if;
  select s.* into v_seq from public.sequences s where s.id = p_sequence_id and s.account_id = v_account for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'sequence_not_found', detail = 'no sequence with this id in your account';
  end if;
  if v_seq.is_active = p_active then
    return pg_catalog.jsonb_build_object('sequence_id', v_seq.id, 'is_active', v_seq.is_active, 'changed', false);
  end if;
  if p_active then
    if v_seq.archived_at is not null then
      raise exception using errcode = '55000', message = 'sequence_archived', detail = 'an archived sequence cannot be switched on';
    end if;
    if not exists (select 1 from public.sequence_steps s where s.sequence_id = v_seq.id) then
      raise exception using errcode = 'P0001', message = 'sequence_has_no_steps', detail = 'add at least one step before switching the sequence on';
    end if;
    for v_step in select s.* from public.sequence_steps s where s.sequence_id = v_seq.id order by s.step_order loop
      begin
        perform brain.assert_sequence_step(v_seq.trigger_on, v_step.step_order, v_step.channel::text, v_step.delay_amount,
                                           v_step.delay_unit, v_step.subject, v_step.body);
      exception when sqlstate '22023' then
        declare
          v_msg text;
          v_detail text;
        begin
          get stacked diagnostics v_msg = message_text, v_detail = pg_exception_detail;
          raise exception using errcode = 'P0001', message = 'sequence_step_invalid',
            detail = 'cannot switch on: ' || coalesce(v_detail, pg_catalog.format('step %s is invalid', v_step.step_order)),
            hint = v_msg || ': fix the step in the editor, then switch the sequence on';
        end;
      end;
    end loop;
    select s.name into v_other from public.sequences s
    where s.account_id = v_account and s.trigger_on = v_seq.trigger_on and s.is_active and s.trigger_on <> 'manual' and s.id <> v_seq.id;
    if found then
      raise exception using errcode = '23505', message = 'sequence_trigger_taken',
        detail = pg_catalog.format('the sequence %s already starts on %s: switch it off first', v_other, v_seq.trigger_on);
    end if;
  end if;
  update public.sequences s set is_active = p_active where s.id = v_seq.id and s.account_id = v_account;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_account, case when p_active then 'sequence_activated' else 'sequence_deactivated' end, 'sequences',
          'sequence', v_seq.id, p_actor, '{}'::jsonb);
  return pg_catalog.jsonb_build_object('sequence_id', v_seq.id, 'is_active', p_active, 'changed', true);
end
$$;

comment on function public.set_sequence_active(uuid, boolean, text) is
  'Switches a sequence of the caller''s account on or off (idempotent: changed false when already so). On is refused with P0001 sequence_has_no_steps, P0001 sequence_step_invalid (a step fails brain.assert_sequence_step: detail "cannot switch on: " and the step''s error, e.g. "step 2 body names {{nickname}}, which is not a template variable"; hint starts with its error code), 55000 sequence_archived, 23505 sequence_trigger_taken (another active sequence has the same trigger; manual sequences excepted). Off: nothing new starts and running runs hold their steps until it is on again. Records sequence_activated / sequence_deactivated in account_events with p_actor. P0002 sequence_not_found.';

revoke execute on function public.set_sequence_active(uuid, boolean, text) from public;
grant execute on function public.set_sequence_active(uuid, boolean, text) to revenue_api;
