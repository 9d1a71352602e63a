-- What the provider said about a claimed touch, recorded once.
create or replace function brain.record_touch_outcome(
  p_touch_run_id uuid,
  p_result text,
  p_provider_message_id text default null,
  p_provider_status text default null,
  p_error_code text default null,
  p_error_message text default null,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_touch public.touch_runs;
  v_lead_state text;
  v_status text;
  v_event text;
  v_route jsonb;
  v_retry_id uuid;
begin
  if p_result is null or p_result not in ('accepted', 'rejected', 'not_sent', 'unknown') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('result must be accepted, rejected, not_sent or unknown, not %s', coalesce(p_result, 'null'));
  end if;
  select t.* into v_touch from public.touch_runs t where t.id = p_touch_run_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'touch_not_found',
      detail = pg_catalog.format('no touch with id %s is visible', p_touch_run_id);
  end if;
  -- Idempotent: only a touch being sent (or of unknown outcome, when reconciling) takes an outcome.
  if v_touch.status not in ('sending', 'unknown') or (v_touch.status = 'unknown' and p_result = 'unknown') then
    return pg_catalog.jsonb_build_object('recorded', false, 'status', v_touch.status);
  end if;

  v_status := case p_result when 'accepted' then 'sent' when 'unknown' then 'unknown' else 'failed' end;
  v_event := case p_result when 'accepted' then 'touch_sent' when 'unknown' then 'touch_outcome_unknown' else 'touch_failed' end;

  update public.touch_runs
  set status = v_status,
      provider_message_id = coalesce(p_provider_message_id, provider_message_id),
      sent_at = case when v_status = 'sent' then p_now else sent_at end,
      failed_at = case when v_status = 'failed' then p_now else failed_at end,
      error_code = case when v_status = 'sent' then null else p_error_code end,
      error_message = case when v_status = 'sent' then null else p_error_message end
  where id = v_touch.id;

  update public.outbound_messages
  set status = case v_status when 'sent' then 'sent' when 'failed' then 'failed' else 'unknown' end,
      provider_message_id = coalesce(p_provider_message_id, provider_message_id),
      provider_status = coalesce(p_provider_status, provider_status),
      sent_at = case when v_status = 'sent' then p_now else sent_at end,
      failed_at = case when v_status = 'failed' then p_now else failed_at end,
      error_code = case when v_status = 'sent' then null else p_error_code end,
      error_message = case when v_status = 'sent' then null else p_error_message end
  where account_id = v_touch.account_id and send_key = v_touch.send_key and status in ('pending', 'unknown');

  -- The provider confirmed it never received this attempt (reconciliation of an unknown
  -- touch): it is sent again as the next attempt, with its own send_key, through a new
  -- claim (consent, quiet hours and suppression are checked again there). Only then;
  -- never on a guess, and never twice for one attempt (the attempt is unique).
  if v_touch.status = 'unknown' and p_result = 'not_sent' and p_error_code = 'reconciled_not_found'
     and v_touch.attempt < 100 then
    insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at,
                                   payload, retry_of)
    values (v_touch.account_id, v_touch.lead_id, v_touch.campaign_id, v_touch.step, v_touch.channel,
            v_touch.attempt + 1, 'queued', p_now, v_touch.payload, v_touch.id)
    on conflict on constraint touch_runs_attempt_key do nothing
    returning id into v_retry_id;
  end if;
  -- Never received, so not an attempt that reached the lead (v_lead_channel_attempts counts
  -- touch_sent and touch_failed): the event says so, and the timeline shows it.
  if v_retry_id is not null then
    v_event := 'touch_not_received';
  end if;

  perform brain.record_event(v_touch.account_id, v_touch.lead_id, v_event, 'dispatch_touch',
    case when v_status = 'unknown' or v_retry_id is not null then 'internal' else 'outbound' end,
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'touch_run_id', v_touch.id::text, 'send_key', v_touch.send_key, 'campaign_id', v_touch.campaign_id,
      'step', v_touch.step, 'attempt', v_touch.attempt, 'provider', v_touch.provider,
      'provider_message_id', p_provider_message_id, 'error_code', p_error_code, 'retried_as', v_retry_id,
      'reason', case when v_retry_id is not null then 'reconciled_not_found' end,
      'source', v_touch.payload -> 'meta' ->> 'source')),
    v_touch.channel::text, p_now, 'touch_outcome:' || v_touch.id::text || ':' || v_event);

  if v_status = 'unknown' then
    return pg_catalog.jsonb_build_object('recorded', true, 'status', v_status);
  end if;

  if v_status = 'sent' and coalesce(v_touch.payload -> 'meta' ->> 'transactional', 'false') <> 'true' then
    select l.lead_state into v_lead_state from public.leads l where l.id = v_touch.lead_id;
    if v_lead_state in ('new', 'dead') then
      perform brain.transition_lead(v_touch.lead_id, 'touched', 'touch_sent', 'dispatch_touch');
    end if;
    -- Seed 004: the first touch (of a cadence, or after the last timers ran out) starts the 7/14/30-day timers.
    if not exists (select 1 from public.lead_timers lt
                   where lt.lead_id = v_touch.lead_id and lt.timer_type in ('TIMER_7D', 'TIMER_14D', 'TIMER_30D')
                     and lt.executed_at is null and lt.cancelled_at is null) then
      insert into public.lead_timers (account_id, lead_id, timer_type, trigger_at, payload)
      select v_touch.account_id, v_touch.lead_id, x.timer_type, p_now + x.after,
             pg_catalog.jsonb_build_object('touch_run_id', v_touch.id, 'campaign_id', v_touch.campaign_id)
      from (values ('TIMER_7D', interval '7 days'), ('TIMER_14D', interval '14 days'), ('TIMER_30D', interval '30 days')) x(timer_type, after)
      on conflict (account_id, lead_id, timer_type) do update
        set trigger_at = excluded.trigger_at, executed_at = null, cancelled_at = null, attempts = 0,
            last_error = null, payload = excluded.payload;
    end if;
  end if;

  if v_retry_id is not null then
    -- The intent is still on its way (the next attempt): nothing to route yet.
    return pg_catalog.jsonb_build_object('recorded', true, 'status', v_status, 'retried_as', v_retry_id,
                                         'attempt', v_touch.attempt + 1);
  end if;

  v_route := brain.route_touch(v_touch.id, p_now);
  return pg_catalog.jsonb_build_object('recorded', true, 'status', v_status, 'route', v_route);
end
$$;

comment on function brain.record_touch_outcome(uuid, text, text, text, text, text, timestamptz) is
  'Records a claimed touch''s outcome once (later calls are no-ops): accepted → sent, rejected/not_sent → failed, unknown → unknown (left for reconciliation). Updates touch_runs and outbound_messages, writes one touch_sent / touch_failed / touch_outcome_unknown memory event (dedupe_key touch_outcome:<id>:<event>), moves a new or dead lead to touched on a send (not for transactional replies), starts the TIMER_7D/14D/30D timers on the first touch, then lets the smart router (brain.route_touch) decide what comes next. A touch of unknown outcome may later be settled as accepted, rejected or not_sent; when it is settled as not_sent with error_code reconciled_not_found (the provider confirmed it never received it) it is failed and sent again as a new touch_run with attempt + 1 (its own send_key, retry_of = this touch, status queued now, so the next claim checks consent, quiet hours and suppression again); the memory event is then an internal touch_not_received (reason reconciled_not_found, retried_as: the new touch; not counted as an attempt), the answer carries retried_as and attempt, and nothing is routed until the new attempt has an outcome. At most one re-send per attempt (unique attempt key), never past attempt 100.';

revoke execute on function brain.record_touch_outcome(uuid, text, text, text, text, text, timestamptz) from public;
grant execute on function brain.record_touch_outcome(uuid, text, text, text, text, text, timestamptz) to revenue_worker;
