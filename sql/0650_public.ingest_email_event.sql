-- Elastic Email notifications.
create or replace function public.ingest_email_event(
  p_provider text,
  p_event_id text,
  p_event text,
  p_to text,
  p_transaction_id text,
  p_touch_run_id uuid,
  p_occurred_at timestamptz default now(),
  p_nul_replaced_fields text[] default null
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_message public.outbound_messages;
  v_result jsonb;
begin
  if p_provider is null or p_event_id is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the provider and the event id are required';
  end if;
  if p_event is null or p_event not in ('sent', 'delivered', 'bounced', 'complained', 'unsubscribed', 'opened', 'clicked') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('unknown email event %s', coalesce(p_event, 'null'));
  end if;
  select m.* into v_message from public.outbound_messages m
  where m.channel = 'email'
    and ((p_touch_run_id is not null and m.touch_run_id = p_touch_run_id)
         or (p_transaction_id is not null and m.provider = p_provider and m.provider_message_id = p_transaction_id))
  limit 1;
  if not found then
    return pg_catalog.jsonb_build_object('outcome', 'unknown_message');
  end if;

  insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type, nul_replaced_fields)
  values (p_provider, p_event_id, v_message.account_id, 'email:' || p_event, nullif(p_nul_replaced_fields, '{}'::text[]))
  on conflict do nothing;
  if not found then
    return pg_catalog.jsonb_build_object('outcome', 'duplicate', 'account_id', v_message.account_id);
  end if;

  if p_event in ('sent', 'delivered') then
    v_result := public.ingest_message_status(p_provider, p_event_id || ':status', p_transaction_id, v_message.touch_run_id,
                                             p_event, p_event, null, p_occurred_at);
  elsif p_event in ('bounced', 'complained', 'unsubscribed') then
    v_result := public.suppress_lead_channel(v_message.account_id, v_message.lead_id, coalesce(p_to, v_message.to_address),
      'email', case p_event when 'bounced' then 'bounce' when 'complained' then 'complaint' else 'unsubscribe' end,
      'webhook_' || p_provider, p_occurred_at);
    if p_event = 'bounced' then
      v_result := v_result || pg_catalog.jsonb_build_object('delivery',
        public.ingest_message_status(p_provider, p_event_id || ':status', p_transaction_id, v_message.touch_run_id,
                                     'failed', 'bounced', 'bounce', p_occurred_at));
    end if;
  else
    perform brain.record_event(v_message.account_id, v_message.lead_id, 'email_' || p_event, 'webhook_' || p_provider, 'inbound',
      pg_catalog.jsonb_build_object('touch_run_id', v_message.touch_run_id), 'email', p_occurred_at,
      p_score_delta => case p_event when 'clicked' then 3 else 1 end);
  end if;

  return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'outcome', 'recorded', 'account_id', v_message.account_id, 'lead_id', v_message.lead_id, 'event', p_event,
    'effect', v_result));
end
$$;

comment on function public.ingest_email_event(text, text, text, text, text, uuid, timestamptz, text[]) is
  'Records an email event once (webhook_receipts by p_event_id). sent / delivered move the message forward; bounced and complained suppress email for that address (suppress_lead_channel) and a bounce fails the touch; unsubscribed suppresses email; opened / clicked add engagement (email_opened, email_clicked). The message is found by touch_run_id (Elastic''s postback) or the transaction id; unknown_message otherwise. p_nul_replaced_fields: the request fields in which the webhook replaced a NUL by U+FFFD, kept on the receipt (webhook_receipts.nul_replaced_fields).';

revoke execute on function public.ingest_email_event(text, text, text, text, text, uuid, timestamptz, text[]) from public;
grant execute on function public.ingest_email_event(text, text, text, text, text, uuid, timestamptz, text[]) to revenue_worker, revenue_ingest;
