-- Follow-up sequences (issue 18): a booked meeting pauses the lead's follow-ups (all but
-- its booking reminders) and starts the account's active booking_reminder sequence,
-- anchored on the meeting; a cancelled or missed meeting cancels that reminder run.
create or replace function private.tg_appointments__sequences()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_seq uuid;
  v_n bigint;
begin
  if new.status = 'booked' then
    perform brain.pause_lead_sequences(array[new.lead_id], 'appointment_booked', 'booking_reminder', pg_catalog.now());
    select s.id into v_seq from public.sequences s
    where s.account_id = new.account_id and s.trigger_on = 'booking_reminder' and s.is_active and s.archived_at is null;
    if v_seq is not null then
      perform brain.start_sequence(new.lead_id, v_seq, 'booking_reminder', 'system:booking_reminder', new.start_at, new.id,
                                   pg_catalog.now());
    end if;
    return null;
  end if;
  if new.status in ('canceled', 'no_show') then
    with ended as (
      update public.sequence_enrollments e
      set status = 'canceled', next_step_at = null, paused_reason = null, paused_at = null,
          ended_reason = case when new.status = 'canceled' then 'appointment_canceled' else 'appointment_no_show' end,
          ended_at = pg_catalog.now()
      where e.account_id = new.account_id and e.appointment_id = new.id and e.status in ('active', 'paused')
      returning e.id, e.lead_id, e.sequence_id, e.ended_reason
    ), withdrawn as (
      update public.touch_runs t set status = 'canceled', error_code = x.ended_reason, error_message = 'canceled: ' || x.ended_reason
      from ended x
      where t.account_id = new.account_id and t.sequence_enrollment_id = x.id and t.status in ('scheduled', 'queued')
      returning t.id
    )
    select pg_catalog.count(*) from (select brain.record_event(new.account_id, x.lead_id, 'sequence_canceled', 'sequences', 'internal',
             pg_catalog.jsonb_build_object('enrollment_id', x.id, 'sequence_id', x.sequence_id, 'reason', x.ended_reason,
                                           'appointment_id', new.id), null, pg_catalog.now()) from ended x) z
    into v_n;
  end if;
  return null;
end
$$;

comment on function private.tg_appointments__sequences() is
  'Trigger: an appointment inserted (or set) booked pauses every active sequence run of its lead except booking reminders (brain.pause_lead_sequences appointment_booked) and starts the account''s active booking_reminder sequence for it (brain.start_sequence, anchor_at = start_at, appointment_id); an appointment set canceled or no_show cancels the runs anchored on it (ended_reason appointment_canceled / appointment_no_show) and their scheduled or queued touches, with a sequence_canceled memory event each.';

create or replace trigger sequences_on_insert after insert on public.appointments
  for each row when (new.status = 'booked')
  execute function private.tg_appointments__sequences();
create or replace trigger sequences_on_status after update of status on public.appointments
  for each row when (old.status is distinct from new.status)
  execute function private.tg_appointments__sequences();
