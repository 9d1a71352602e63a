-- One pending receipt, applied by the decision function of its kind.
create or replace function brain.apply_webhook_receipt(p_receipt public.webhook_receipts)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  p jsonb := p_receipt.payload;
  v_at timestamptz;
  v_nul text[];
begin
  v_nul := case when pg_catalog.jsonb_typeof(p -> 'nul_replaced_fields') = 'array'
                then array(select pg_catalog.jsonb_array_elements_text(p -> 'nul_replaced_fields')) end;
  case p_receipt.kind
    when 'inbound_message' then
      v_at := coalesce((p ->> 'received_at')::timestamptz, p_receipt.received_at);
      return brain.apply_inbound_message(p ->> 'provider', p ->> 'event_id', p ->> 'channel', p ->> 'from', p ->> 'to',
                                         coalesce(p ->> 'body', ''), v_at, v_nul, false, p_receipt.consent_suppressions,
                                         p_receipt.consent);
    when 'message_status' then
      return brain.apply_message_status(p ->> 'provider', p ->> 'event_id', p ->> 'provider_message_id',
                                        (p ->> 'touch_run_id')::uuid, p ->> 'status', p ->> 'raw_status', p ->> 'error_code',
                                        coalesce((p ->> 'occurred_at')::timestamptz, p_receipt.received_at), false);
    when 'call_status' then
      return brain.apply_call_status(p ->> 'provider', p ->> 'event_id', p ->> 'call_id', (p ->> 'touch_run_id')::uuid,
                                     p ->> 'status', (p ->> 'duration_seconds')::integer,
                                     coalesce((p ->> 'occurred_at')::timestamptz, p_receipt.received_at), false);
    when 'email_event' then
      return brain.apply_email_event(p ->> 'provider', p ->> 'event_id', p ->> 'event', p ->> 'to', p ->> 'transaction_id',
                                     (p ->> 'touch_run_id')::uuid, coalesce((p ->> 'occurred_at')::timestamptz, p_receipt.received_at),
                                     v_nul, false, p ->> 'bounce_class');
    when 'booking' then
      return brain.apply_booking(p_receipt.account_id, p ->> 'event_id', p ->> 'event', p ->> 'email', p ->> 'phone',
                                 p ->> 'first_name', p ->> 'last_name', (p ->> 'start_at')::timestamptz, p ->> 'booking_uri',
                                 coalesce((p ->> 'occurred_at')::timestamptz, p_receipt.received_at), v_nul, false);
    when 'inbound_email' then
      -- Lists arrive as json arrays of strings (api/webhooks/email-inbound.ts).
      return brain.apply_inbound_email(
        p_receipt.account_id, p ->> 'provider', p ->> 'event_id', p ->> 'from', p ->> 'from_name',
        case when pg_catalog.jsonb_typeof(p -> 'to') = 'array' then array(select pg_catalog.jsonb_array_elements_text(p -> 'to')) end,
        case when pg_catalog.jsonb_typeof(p -> 'cc') = 'array' then array(select pg_catalog.jsonb_array_elements_text(p -> 'cc')) end,
        p ->> 'subject', coalesce(p ->> 'body', ''), p ->> 'in_reply_to',
        case when pg_catalog.jsonb_typeof(p -> 'references') = 'array'
             then array(select pg_catalog.jsonb_array_elements_text(p -> 'references')) end,
        p ->> 'auto_kind', p ->> 'auto_reason',
        case when pg_catalog.jsonb_typeof(p -> 'bounced_addresses') = 'array'
             then array(select pg_catalog.jsonb_array_elements_text(p -> 'bounced_addresses')) end,
        coalesce((p ->> 'received_at')::timestamptz, p_receipt.received_at), v_nul);
    else
      raise exception using errcode = '22023', message = 'invalid_argument',
        detail = pg_catalog.format('a receipt of kind %s cannot be applied', coalesce(p_receipt.kind, 'null'));
  end case;
end
$$;

comment on function brain.apply_webhook_receipt(public.webhook_receipts) is
  'Applies one receipt written by public.receive_webhook: its payload becomes the arguments of brain.apply_inbound_message, apply_message_status, apply_call_status, apply_email_event, apply_booking or apply_inbound_email (by kind), with the receipt already recorded (p_record_receipt false) and, for an inbound message, the consent pre-pass''s reading of its body (webhook_receipts.consent, null when not read); times default to the receipt''s received_at. Returns what that function returns (outcome recorded, stale, unknown_…). Raises invalid_argument for an unknown kind. Called by brain.drain_webhook_receipts.';

-- Writes: only the definer functions that call it (ingest_*, the drain) may.
revoke execute on function brain.apply_webhook_receipt(public.webhook_receipts) from public;
