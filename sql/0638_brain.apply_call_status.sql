-- The decision logic of public.ingest_call_status (which calls it with p_record_receipt true);
-- the receipts drain (brain.drain_webhook_receipts) calls it with false.
create or replace function brain.apply_call_status(
  p_provider text,
  p_event_id text,
  p_call_id text,
  p_touch_run_id uuid,
  p_status text,
  p_duration_seconds integer default null,
  p_occurred_at timestamptz default now(),
  p_record_receipt boolean default true
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_message public.outbound_messages;
  v_lead_state text;
  v_result jsonb;
begin
  if p_provider is null or p_event_id is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the provider and the event id are required';
  end if;
  if p_status is null or p_status not in ('initiated', 'ringing', 'answered', 'completed', 'busy', 'no_answer', 'failed', 'canceled') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('unknown call status %s', coalesce(p_status, 'null'));
  end if;
  select m.* into v_message from public.outbound_messages m
  where m.channel = 'voice'
    and ((p_touch_run_id is not null and m.touch_run_id = p_touch_run_id)
         or (p_call_id is not null and m.provider = p_provider and m.provider_message_id = p_call_id))
  limit 1;
  if not found then
    return pg_catalog.jsonb_build_object('outcome', 'unknown_call');
  end if;

  if p_record_receipt then
    insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type)
    values (p_provider, p_event_id, v_message.account_id, 'call:' || p_status)
    on conflict do nothing;
    if not found then
      return pg_catalog.jsonb_build_object('outcome', 'duplicate', 'account_id', v_message.account_id);
    end if;
  end if;

  if p_status = 'answered' or (p_status = 'completed' and coalesce(p_duration_seconds, 0) > 0) then
    -- Null when the gateway already recorded this call's answer (same dedupe key).
    if brain.record_event(v_message.account_id, v_message.lead_id, 'call_answered', 'webhook_' || p_provider, 'inbound',
         pg_catalog.jsonb_build_object('touch_run_id', v_message.touch_run_id, 'call_id', p_call_id), 'voice', p_occurred_at,
         'call_answered:' || coalesce(p_call_id, v_message.touch_run_id::text), 5) is not null then
      select l.lead_state into v_lead_state from public.leads l where l.id = v_message.lead_id;
      if v_lead_state in ('new', 'touched', 'dead') then
        perform brain.transition_lead(v_message.lead_id, 'responded', 'call_answered', 'webhook_' || p_provider);
      end if;
    end if;
  end if;

  if p_status = 'completed' then
    v_result := public.ingest_message_status(p_provider, p_event_id || ':delivery', p_call_id, v_message.touch_run_id,
                                             'delivered', 'completed', null, p_occurred_at);
  elsif p_status in ('busy', 'no_answer', 'failed', 'canceled') then
    v_result := public.ingest_message_status(p_provider, p_event_id || ':delivery', p_call_id, v_message.touch_run_id,
                                             'failed', p_status, p_status, p_occurred_at);
  end if;

  return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'outcome', 'recorded', 'account_id', v_message.account_id, 'lead_id', v_message.lead_id, 'status', p_status,
    'delivery', v_result));
end
$$;

comment on function brain.apply_call_status(text, text, text, uuid, text, integer, timestamptz, boolean) is
  'The decision logic of a call progress report (see public.ingest_call_status). p_record_receipt false: the receipt exists (the receipts drain applies it).';

-- Writes: only the definer functions that call it (ingest_*, the drain) may.
revoke execute on function brain.apply_call_status(text, text, text, uuid, text, integer, timestamptz, boolean) from public;
