-- Appointments booked or canceled in a calendar provider.
create or replace function public.ingest_booking(
  p_account_id uuid,
  p_event_id text,
  p_event text,
  p_email text,
  p_phone text,
  p_first_name text,
  p_last_name text,
  p_start_at timestamptz,
  p_booking_uri text,
  p_occurred_at timestamptz default now(),
  p_nul_replaced_fields text[] default null
)
returns jsonb
language sql
volatile
security definer
set search_path = ''
as $$
  select brain.apply_booking(p_account_id, p_event_id, p_event, p_email, p_phone, p_first_name, p_last_name, p_start_at, p_booking_uri, p_occurred_at, p_nul_replaced_fields, true)
$$;

comment on function public.ingest_booking(uuid, text, text, text, text, text, text, timestamptz, text, timestamptz, text[]) is
  'Records a calendar booking once (webhook_receipts booking/<event id>). The invitee is matched or created by email and phone. booked: appointment_booked memory event (a stop event for every cadence), outreach halted (pending touches canceled, timers cancelled, enrollments stopped), an appointments row (idempotent by invitee URI) and the lead moves to appointment_booked. canceled: appointment_canceled, the appointment canceled and the lead back to high_intent; the brain no longer treats the booking as a stop event. p_nul_replaced_fields: the request fields in which the webhook replaced a NUL by U+FFFD, kept on the receipt (webhook_receipts.nul_replaced_fields).';

revoke execute on function public.ingest_booking(uuid, text, text, text, text, text, text, timestamptz, text, timestamptz, text[]) from public;
grant execute on function public.ingest_booking(uuid, text, text, text, text, text, text, timestamptz, text, timestamptz, text[]) to revenue_worker, revenue_ingest;
