-- A touch that will not be sent: canceled with a stable reason code and a
-- readable message, and a touch_canceled memory event that says why (the lead's
-- timeline and "why" panel read it). Returns claim_touch's canceled outcome.
create or replace function brain.cancel_touch(
  p_touch_run_id uuid,
  p_reason text,
  p_message text,
  p_now timestamptz default now(),
  p_event_payload jsonb default '{}'::jsonb,
  p_send_key text default null
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_touch public.touch_runs;
begin
  update public.touch_runs
  set status = 'canceled', error_code = p_reason, error_message = p_message,
      send_key = coalesce(p_send_key, send_key)
  where id = p_touch_run_id
  returning * into v_touch;
  if not found then
    raise exception using errcode = 'P0002', message = 'touch_not_found',
      detail = pg_catalog.format('no touch_run %s to cancel', p_touch_run_id);
  end if;
  perform brain.record_event(v_touch.account_id, v_touch.lead_id, 'touch_canceled', 'dispatch_touch', 'internal',
            pg_catalog.jsonb_build_object('touch_run_id', v_touch.id, 'reason', p_reason) || coalesce(p_event_payload, '{}'::jsonb),
            v_touch.channel, p_now);
  return pg_catalog.jsonb_build_object('outcome', 'canceled', 'reason', p_reason, 'touch_run_id', v_touch.id);
end
$$;

comment on function brain.cancel_touch(uuid, text, text, timestamptz, jsonb, text) is
  'Cancels a touch that will not be sent: status canceled, error_code p_reason (stable code), error_message p_message (readable, never a message body), send_key when given (duplicate_send_key), plus a touch_canceled memory event with touch_run_id, reason and p_event_payload. Returns {"outcome": "canceled", "reason", "touch_run_id"}. Raises touch_not_found (P0002) for an unknown id.';
