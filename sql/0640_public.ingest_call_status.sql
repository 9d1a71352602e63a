-- Call progress from Twilio or Telnyx: an answered call is a response.
create or replace function public.ingest_call_status(
  p_provider text,
  p_event_id text,
  p_call_id text,
  p_touch_run_id uuid,
  p_status text,
  p_duration_seconds integer default null,
  p_occurred_at timestamptz default now()
)
returns jsonb
language sql
volatile
security definer
set search_path = ''
as $$
  select brain.apply_call_status(p_provider, p_event_id, p_call_id, p_touch_run_id, p_status, p_duration_seconds, p_occurred_at, true)
$$;

comment on function public.ingest_call_status(text, text, text, uuid, text, integer, timestamptz) is
  'Records call progress once (webhook_receipts by p_event_id, e.g. CallSid:CallStatus). An answered call (or a completed one with a duration) is a response: call_answered memory event and the lead moves to responded. completed marks the touch delivered; busy, no_answer, failed and canceled mark it failed and let the smart router decide (through ingest_message_status). unknown_call when no outbound voice message matches.';

revoke execute on function public.ingest_call_status(text, text, text, uuid, text, integer, timestamptz) from public;
grant execute on function public.ingest_call_status(text, text, text, uuid, text, integer, timestamptz) to revenue_worker, revenue_ingest;
