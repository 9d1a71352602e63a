-- Follow-up sequences: the one check a sequence step must pass, at save and again at
-- activation (seed 003 E11: unknown variables are blocked at save and at activation).
create or replace function brain.assert_sequence_step(
  p_trigger_on text,
  p_step_order integer,
  p_channel text,
  p_delay_amount integer,
  p_delay_unit text,
  p_subject text,
  p_body text
)
returns void
language plpgsql
stable
set search_path = ''
as $$
begin
  if p_channel is null or p_channel not in ('sms', 'whatsapp', 'email') then
    raise exception using errcode = '22023', message = 'invalid_channel',
      detail = pg_catalog.format('step %s: the channel is sms, whatsapp or email', p_step_order);
  end if;
  if p_delay_amount is null or p_delay_amount not between 0 and 2160 then
    raise exception using errcode = '22023', message = 'invalid_delay',
      detail = pg_catalog.format('step %s: the delay is a whole number from 0 to 2160', p_step_order);
  end if;
  if p_delay_unit is null or p_delay_unit not in ('business_hours', 'days', 'hours_before_meeting') then
    raise exception using errcode = '22023', message = 'invalid_delay_unit',
      detail = pg_catalog.format('step %s: the delay unit is business_hours, days or hours_before_meeting', p_step_order);
  end if;
  if p_delay_unit = 'hours_before_meeting' and p_trigger_on <> 'booking_reminder' then
    raise exception using errcode = '22023', message = 'hours_before_meeting_needs_booking',
      detail = pg_catalog.format('step %s: hours before the meeting only make sense in a booking_reminder sequence', p_step_order);
  end if;
  if pg_catalog.btrim(coalesce(p_body, '')) = '' or pg_catalog.length(p_body) > 1600 then
    raise exception using errcode = '22023', message = 'step_body_required',
      detail = pg_catalog.format('step %s (%s) needs a message of 1 to 1600 characters', p_step_order, p_channel);
  end if;
  if p_channel = 'email' and (pg_catalog.btrim(coalesce(p_subject, '')) = '' or pg_catalog.length(p_subject) > 998) then
    raise exception using errcode = '22023', message = 'step_subject_required',
      detail = pg_catalog.format('step %s (email) needs a subject of 1 to 998 characters', p_step_order);
  end if;
  -- Strict variables: exactly the campaign steps' check (unknown_template_variable,
  -- invalid_template_placeholder, the detail naming the step and the field).
  perform brain.assert_step_content(null, p_step_order, p_channel, p_body, p_subject, false);
end
$$;

comment on function brain.assert_sequence_step(text, integer, text, integer, text, text, text) is
  'Raises unless a sequence step is sendable (22023, detail names the step): invalid_channel (sms, whatsapp, email), invalid_delay (0-2160), invalid_delay_unit, hours_before_meeting_needs_booking (that unit outside a booking_reminder sequence), step_body_required (1-1600 characters), step_subject_required (email), and the strict-variable check of campaign steps (brain.assert_step_content: unknown_template_variable, invalid_template_placeholder).';

revoke execute on function brain.assert_sequence_step(text, integer, text, integer, text, text, text) from public;
