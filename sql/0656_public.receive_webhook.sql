-- Receipts-first ingest: the webhook's transaction writes this one receipt and
-- nothing else (no NOTIFY, no job). brain.drain_webhook_receipts applies it later.
create or replace function public.receive_webhook(
  p_account_id uuid,
  p_provider text,
  p_idempotency_key text,
  p_event_type text,
  p_kind text,
  p_ordering_key text,
  p_payload jsonb,
  p_nul_replaced_fields text[] default null
)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- PL/pgSQL keeps the statement's plan for the session; a SQL function like this
-- one (not inlinable) would plan it again at every call.
begin
  insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type, nul_replaced_fields,
                                       kind, ordering_key, payload, processed_at)
  values (p_provider, p_idempotency_key, p_account_id, p_event_type, nullif(p_nul_replaced_fields, '{}'::text[]),
          p_kind, p_ordering_key, p_payload, null)
  on conflict do nothing;
  return case when found then 'received' else 'duplicate' end;
end
$$;

comment on function public.receive_webhook(uuid, text, text, text, text, text, jsonb, text[]) is
  'Records a verified webhook as a pending receipt with one INSERT … ON CONFLICT DO NOTHING (webhook_receipts keyed by provider and p_idempotency_key, the same keys the ingest functions use) and answers received, or duplicate when that event was already received (nothing written). p_kind (inbound_message, message_status, call_status, email_event, booking, inbound_email) and p_payload (the parsed request) are what brain.drain_webhook_receipts applies later, in order per p_ordering_key (the lead''s address, or the provider''s message id). No NOTIFY, no job: the drain polls.';

revoke execute on function public.receive_webhook(uuid, text, text, text, text, text, jsonb, text[]) from public;
grant execute on function public.receive_webhook(uuid, text, text, text, text, text, jsonb, text[]) to revenue_ingest;
