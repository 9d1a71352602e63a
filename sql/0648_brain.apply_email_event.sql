-- The decision logic of public.ingest_email_event (which calls it with p_record_receipt true);
-- the receipts drain (brain.drain_webhook_receipts) calls it with false.
create or replace function brain.apply_email_event(
  p_provider text,
  p_event_id text,
  p_event text,
  p_to text,
  p_transaction_id text,
  p_touch_run_id uuid,
  p_occurred_at timestamptz default now(),
  p_nul_replaced_fields text[] default null,
  p_record_receipt boolean default true
)
returns jsonb
language plpgsql
volatile
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

  if p_record_receipt then
    insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type, nul_replaced_fields)
    values (p_provider, p_event_id, v_message.account_id, 'email:' || p_event, nullif(p_nul_replaced_fields, '{}'::text[]))
    on conflict do nothing;
    if not found then
      return pg_catalog.jsonb_build_object('outcome', 'duplicate', 'account_id', v_message.account_id);
    end if;
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

comment on function brain.apply_email_event(text, text, text, text, text, uuid, timestamptz, text[], boolean) is
  'The decision logic of an email event (see public.ingest_email_event). p_record_receipt false: the receipt exists (the receipts drain applies it).';

-- Writes: only the definer functions that call it (ingest_*, the drain) may.
revoke execute on function brain.apply_email_event(text, text, text, text, text, uuid, timestamptz, text[], boolean) from public;
