-- Elastic Email notifications.
create or replace function public.ingest_email_event(
  p_provider text,
  p_event_id text,
  p_event text,
  p_to text,
  p_transaction_id text,
  p_touch_run_id uuid,
  p_occurred_at timestamptz default now(),
  p_nul_replaced_fields text[] default null,
  p_bounce_class text default null
)
returns jsonb
language sql
volatile
security definer
set search_path = ''
as $$
  select brain.apply_email_event(p_provider, p_event_id, p_event, p_to, p_transaction_id, p_touch_run_id, p_occurred_at, p_nul_replaced_fields, true, p_bounce_class)
$$;

comment on function public.ingest_email_event(text, text, text, text, text, uuid, timestamptz, text[], text) is
  'Records an email event once (webhook_receipts by p_event_id). sent / delivered move the message forward; bounced and complained suppress email for that address (suppress_lead_channel) and a bounce fails the touch; unsubscribed suppresses email; opened / clicked add engagement (email_opened, email_clicked). The message is found by touch_run_id (Elastic''s postback) or the transaction id; unknown_message otherwise. p_nul_replaced_fields: the request fields in which the webhook replaced a NUL by U+FFFD, kept on the receipt (webhook_receipts.nul_replaced_fields). p_bounce_class: hard or soft (the webhook reads Elastic''s bounce category; null = hard): a hard bounce suppresses the address and marks the lead''s email hard_bounced, a soft one only fails the message; both count for the sender''s reputation (brain.apply_email_event).';

revoke execute on function public.ingest_email_event(text, text, text, text, text, uuid, timestamptz, text[], text) from public;
grant execute on function public.ingest_email_event(text, text, text, text, text, uuid, timestamptz, text[], text) to revenue_worker, revenue_ingest;
