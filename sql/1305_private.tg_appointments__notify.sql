-- A booked meeting is a booked notification event, once per appointment.
create or replace function private.tg_appointments__notify()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  insert into public.notification_events (account_id, kind, lead_id, subject_id, occurred_at, payload, dedupe_key)
  values (new.account_id, 'booked', new.lead_id, new.id, new.created_at,
          pg_catalog.jsonb_build_object('start_at', new.start_at, 'time_zone', new.time_zone::text, 'source', new.source,
                                        'provider', new.provider),
          'booked:' || new.id::text)
  on conflict (account_id, dedupe_key) do nothing;
  return null;
end
$$;

comment on function private.tg_appointments__notify() is
  'Trigger: an appointment inserted with status booked raises a booked notification event (dedupe_key booked:<appointment>), payload start_at, time_zone, source and provider.';

create or replace trigger notify_booked after insert on public.appointments
  for each row
  when (new.status = 'booked')
  execute function private.tg_appointments__notify();
