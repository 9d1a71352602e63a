-- The decision logic of public.ingest_message_status (which calls it with p_record_receipt true);
-- the receipts drain (brain.drain_webhook_receipts) calls it with false.
create or replace function brain.apply_message_status(
  p_provider text,
  p_event_id text,
  p_provider_message_id text,
  p_touch_run_id uuid,
  p_status text,
  p_raw_status text default null,
  p_error_code text default null,
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
  v_touch public.touch_runs;
  v_rank_old integer;
  v_rank_new integer;
  v_route jsonb;
  v_settled boolean := false;
  v_rank constant jsonb := '{"pending": 0, "unknown": 0, "sent": 1, "delivered": 2, "failed": 2, "canceled": 3}';
begin
  if p_provider is null or p_event_id is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the provider and the event id are required';
  end if;
  if p_status is null or p_status not in ('sent', 'delivered', 'failed') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('status must be sent, delivered or failed, not %s', coalesce(p_status, 'null'));
  end if;

  select m.* into v_message from public.outbound_messages m
  where (p_touch_run_id is not null and m.touch_run_id = p_touch_run_id)
     or (p_provider_message_id is not null and m.provider = p_provider and m.provider_message_id = p_provider_message_id)
  order by (m.touch_run_id = p_touch_run_id) desc nulls last
  limit 1;
  if not found then
    return pg_catalog.jsonb_build_object('outcome', 'unknown_message');
  end if;

  if p_record_receipt then
    insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type)
    values (p_provider, p_event_id, v_message.account_id, 'status:' || p_status)
    on conflict do nothing;
    if not found then
      return pg_catalog.jsonb_build_object('outcome', 'duplicate', 'account_id', v_message.account_id);
    end if;
  end if;

  select t.* into v_touch from public.touch_runs t where t.id = v_message.touch_run_id for update;
  -- Reports for one touch are serialized by that lock (touch, then message: the order
  -- record_touch_outcome uses); what a concurrent report wrote is read only now.
  select m.* into v_message from public.outbound_messages m where m.id = v_message.id for update;

  -- A worker that died after the provider accepted the send left it unknown: the
  -- provider's own report settles it (never a resend).
  if v_touch.status in ('unknown', 'sending') then
    perform brain.record_touch_outcome(v_touch.id, 'accepted', p_provider_message_id, p_raw_status, null, null, p_occurred_at);
    v_settled := true;
    select m.* into v_message from public.outbound_messages m where m.id = v_message.id;
    select t.* into v_touch from public.touch_runs t where t.id = v_touch.id;
  end if;

  v_rank_old := (v_rank ->> v_message.status)::integer;
  v_rank_new := (v_rank ->> p_status)::integer;
  if v_rank_new <= v_rank_old then
    -- A late "sent" never overwrites "delivered", nor a late "failed" a "delivered"
    -- (the provider's raw status is refreshed only for the same status).
    update public.outbound_messages set provider_status = coalesce(p_raw_status, provider_status)
    where id = v_message.id and p_status = v_message.status;
    return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'outcome', case when v_settled then 'recorded' else 'stale' end, 'account_id', v_message.account_id,
      'status', v_message.status, 'settled_unknown', case when v_settled then true end,
      'touch_run_id', case when v_settled then v_touch.id end));
  end if;

  update public.outbound_messages
  set status = p_status,
      provider_status = coalesce(p_raw_status, provider_status),
      provider_message_id = coalesce(provider_message_id, p_provider_message_id),
      delivered_at = case when p_status = 'delivered' then p_occurred_at else delivered_at end,
      failed_at = case when p_status = 'failed' then p_occurred_at else failed_at end,
      error_code = case when p_status = 'failed' then p_error_code else error_code end
  where id = v_message.id;

  if v_touch.id is not null and v_touch.status = 'sent' and p_status in ('delivered', 'failed') then
    update public.touch_runs
    set status = p_status,
        delivered_at = case when p_status = 'delivered' then p_occurred_at end,
        failed_at = case when p_status = 'failed' then p_occurred_at end,
        error_code = case when p_status = 'failed' then coalesce(p_error_code, 'undelivered') end,
        error_message = case when p_status = 'failed' then 'the provider reported it ' || coalesce(p_raw_status, 'failed') end
    where id = v_touch.id;
    perform brain.record_event(v_touch.account_id, v_touch.lead_id,
      case when p_status = 'delivered' then 'touch_delivered' else 'delivery_failed' end, 'webhook_' || p_provider, 'outbound',
      pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('touch_run_id', v_touch.id::text,
        'provider_status', p_raw_status, 'error_code', p_error_code)),
      v_touch.channel::text, p_occurred_at, 'delivery:' || v_touch.id::text);
    if p_status = 'failed' then
      -- Undelivered: the fallback plan decides what comes next (the attempt was already counted).
      v_route := brain.route_touch(v_touch.id, p_occurred_at);
    end if;
  end if;

  return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'outcome', 'recorded', 'account_id', v_message.account_id, 'status', p_status,
    'touch_run_id', v_touch.id, 'route', v_route, 'settled_unknown', case when v_settled then true end));
end
$$;

comment on function brain.apply_message_status(text, text, text, uuid, text, text, text, timestamptz, boolean) is
  'The decision logic of a delivery report (see public.ingest_message_status). p_record_receipt false: the receipt exists (the receipts drain applies it).';

-- Writes: only the definer functions that call it (ingest_*, the drain) may.
revoke execute on function brain.apply_message_status(text, text, text, uuid, text, text, text, timestamptz, boolean) from public;
