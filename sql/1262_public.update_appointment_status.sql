-- Booking (issue 18): the Appointments page's actions (setter, admin, owner).
create or replace function public.update_appointment_status(
  p_account_id uuid,
  p_appointment_id uuid,
  p_status text,
  p_actor text,
  p_reason text default null,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if p_account_id is null or p_actor is null or pg_catalog.length(pg_catalog.btrim(p_actor)) not between 1 and 200 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the account and who acts are required';
  end if;
  if not exists (select 1 from public.appointments a where a.id = p_appointment_id and a.account_id = p_account_id) then
    raise exception using errcode = 'P0002', message = 'appointment_not_found', detail = 'no such appointment in this account';
  end if;
  return brain.set_appointment_status(p_appointment_id, p_status, p_actor, p_reason, p_now);
end
$$;

comment on function public.update_appointment_status(uuid, uuid, text, text, text, timestamptz) is
  'A person marks an appointment of p_account_id canceled, no_show or completed (the Appointments page; the console allows setters, admins and owners): brain.set_appointment_status. P0002 appointment_not_found for an appointment of another account.';

revoke execute on function public.update_appointment_status(uuid, uuid, text, text, text, timestamptz) from public;
grant execute on function public.update_appointment_status(uuid, uuid, text, text, text, timestamptz) to revenue_api;
