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
  p_record_receipt boolean default true,
  p_bounce_class text default null
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_message public.outbound_messages;
  v_result jsonb;
  -- A bounce without a class (older callers, an unknown category) is hard: as before.
  v_soft boolean := p_event = 'bounced' and p_bounce_class = 'soft';
  v_sender jsonb;
begin
  if p_provider is null or p_event_id is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the provider and the event id are required';
  end if;
  if p_event is null or p_event not in ('sent', 'delivered', 'bounced', 'complained', 'unsubscribed', 'opened', 'clicked') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('unknown email event %s', coalesce(p_event, 'null'));
  end if;
  if p_bounce_class is not null and p_bounce_class not in ('hard', 'soft') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('unknown bounce class %s: hard or soft', p_bounce_class);
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
  elsif v_soft then
    -- A soft bounce (the receiving side refused for now): the message failed, but the address
    -- is neither suppressed nor marked; it counts for the sender's health only.
    v_result := pg_catalog.jsonb_build_object('bounce_class', 'soft', 'delivery',
      public.ingest_message_status(p_provider, p_event_id || ':status', p_transaction_id, v_message.touch_run_id,
                                   'failed', 'bounced', 'soft_bounce', p_occurred_at));
  elsif p_event in ('bounced', 'complained', 'unsubscribed') then
    v_result := public.suppress_lead_channel(v_message.account_id, v_message.lead_id, coalesce(p_to, v_message.to_address),
      'email', case p_event when 'bounced' then 'bounce' when 'complained' then 'complaint' else 'unsubscribe' end,
      'webhook_' || p_provider, p_occurred_at);
    if p_event = 'bounced' then
      v_result := v_result || pg_catalog.jsonb_build_object('bounce_class', 'hard', 'delivery',
        public.ingest_message_status(p_provider, p_event_id || ':status', p_transaction_id, v_message.touch_run_id,
                                     'failed', 'bounced', 'bounce', p_occurred_at));
      -- The lead's address is known dead (issue 19): unreachable for email until it changes
      -- (a new address is enriched again: sql/1400).
      update public.leads l set email_status = 'hard_bounced', email_bounced_at = p_occurred_at
      where l.id = v_message.lead_id and l.account_id = v_message.account_id
        and pg_catalog.lower(l.email::text) = pg_catalog.lower(pg_catalog.btrim(coalesce(p_to, v_message.to_address)));
    end if;
  end if;
  if p_event in ('bounced', 'complained') then
    -- The sender's reputation: once per message and kind, then its guard (may pause it).
    v_sender := brain.record_sender_event(v_message.account_id, v_message.id,
      case when p_event = 'complained' then 'complaint' when v_soft then 'soft_bounce' else 'hard_bounce' end, p_occurred_at);
    v_result := v_result || pg_catalog.jsonb_build_object('sender', v_sender);
  end if;
  if p_event in ('opened', 'clicked') then
    perform brain.record_event(v_message.account_id, v_message.lead_id, 'email_' || p_event, 'webhook_' || p_provider, 'inbound',
      pg_catalog.jsonb_build_object('touch_run_id', v_message.touch_run_id), 'email', p_occurred_at,
      p_score_delta => case p_event when 'clicked' then 3 else 1 end);
  end if;

  return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'outcome', 'recorded', 'account_id', v_message.account_id, 'lead_id', v_message.lead_id, 'event', p_event,
    'effect', v_result));
end
$$;

comment on function brain.apply_email_event(text, text, text, text, text, uuid, timestamptz, text[], boolean, text) is
  'The decision logic of an email event (see public.ingest_email_event). p_record_receipt false: the receipt exists (the receipts drain applies it). p_bounce_class (hard, soft; null = hard) decides what a bounce does: hard suppresses the address, fails the message (bounce) and marks the lead email_status hard_bounced (email_bounced_at) when the bounced address is its email; soft only fails the message (soft_bounce). Bounces and complaints are recorded for the message''s sender (brain.record_sender_event), whose guard may pause it.';

-- Writes: only the definer functions that call it (ingest_*, the drain) may.
revoke execute on function brain.apply_email_event(text, text, text, text, text, uuid, timestamptz, text[], boolean, text) from public;
