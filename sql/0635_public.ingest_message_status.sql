-- Delivery reports for outbound messages and calls, recorded once, only moving forward.
create or replace function public.ingest_message_status(
  p_provider text,
  p_event_id text,
  p_provider_message_id text,
  p_touch_run_id uuid,
  p_status text,
  p_raw_status text default null,
  p_error_code text default null,
  p_occurred_at timestamptz default now()
)
returns jsonb
language sql
volatile
security definer
set search_path = ''
as $$
  select brain.apply_message_status(p_provider, p_event_id, p_provider_message_id, p_touch_run_id, p_status, p_raw_status, p_error_code, p_occurred_at, true)
$$;

comment on function public.ingest_message_status(text, text, text, uuid, text, text, text, timestamptz) is
  'Records a provider''s delivery report once (webhook_receipts keyed by p_event_id, e.g. Twilio MessageSid:MessageStatus or a Telnyx event id). The message is found by touch_run_id (carried in our callback URL) or by the provider''s id; unknown_message when neither matches (nothing written). Status only moves forward (sent < delivered | failed): a late sent never overwrites delivered (outcome stale). A report for a touch left unknown by a dead worker settles it as sent first (outcome recorded, settled_unknown true). Touch and message timestamps are the provider''s p_occurred_at. delivered / failed move the touch and log touch_delivered / delivery_failed; an undelivered message lets the smart router decide the next touch.';

revoke execute on function public.ingest_message_status(text, text, text, uuid, text, text, text, timestamptz) from public;
grant execute on function public.ingest_message_status(text, text, text, uuid, text, text, text, timestamptz) to revenue_worker, revenue_ingest;
