-- The one decision a dispatch worker asks for: may this touch go now, and if so what exactly.
create or replace function brain.claim_touch(
  p_touch_run_id uuid,
  p_worker_id text default null,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_touch public.touch_runs;
  v_lead public.leads;
  v_org public.org_settings;
  v_ss record;
  v_campaign public.campaigns;
  v_enrollment public.campaign_leads;
  v_setting public.account_provider_settings;
  v_stop_event text;
  v_expires_at timestamptz;
  v_window timestamptz;
  v_sender text;
  v_slot record;
  v_send_key text;
  v_message_id uuid;
  v_body text;
  v_subject text;
  v_variables jsonb;
  v_reason text;
  v_in_window boolean;
  v_not_before timestamptz := p_now;
  v_transactional boolean;
  v_body_template text;
  v_problems text[];
  v_outcome jsonb;
begin
  select t.* into v_touch from public.touch_runs t where t.id = p_touch_run_id for update;
  if not found then
    return pg_catalog.jsonb_build_object('outcome', 'skipped', 'reason', 'not_found');
  end if;

  -- A touch still "sending" while the worker that claimed it beats (a second job for the
  -- same touch) is in flight: leave it to that worker.
  if v_touch.status = 'sending' and exists (select 1 from public.worker_heartbeats h where h.worker_id = v_touch.claimed_by) then
    return pg_catalog.jsonb_build_object('outcome', 'skipped', 'reason', 'in_flight', 'claimed_by', v_touch.claimed_by);
  end if;
  -- Otherwise its worker died between claim and outcome: never re-send blindly.
  if v_touch.status = 'sending' then
    update public.touch_runs set status = 'unknown', error_code = 'worker_lost',
           error_message = 'the worker stopped between claiming and recording the outcome'
    where id = v_touch.id;
    update public.outbound_messages set status = 'unknown', error_code = 'worker_lost'
    where account_id = v_touch.account_id and send_key = v_touch.send_key and status = 'pending';
    perform brain.record_event(v_touch.account_id, v_touch.lead_id, 'touch_outcome_unknown', 'dispatch_touch', 'internal',
      pg_catalog.jsonb_build_object('touch_run_id', v_touch.id, 'send_key', v_touch.send_key, 'worker_id', p_worker_id),
      v_touch.channel::text, p_now);
    return pg_catalog.jsonb_build_object('outcome', 'unknown', 'reason', 'worker_lost', 'touch_run_id', v_touch.id);
  end if;
  if v_touch.status not in ('scheduled', 'queued') then
    return pg_catalog.jsonb_build_object('outcome', 'skipped', 'reason', 'status_' || v_touch.status);
  end if;
  if v_touch.scheduled_at > p_now + interval '1 second' then
    return pg_catalog.jsonb_build_object('outcome', 'skipped', 'reason', 'not_due', 'scheduled_at', v_touch.scheduled_at);
  end if;

  select l.* into v_lead from public.leads l where l.id = v_touch.lead_id;
  select o.* into v_org from public.org_settings o where o.account_id = v_touch.account_id;
  select s.* into v_ss from brain.lead_suppression_status_at(p_now) s where s.lead_id = v_touch.lead_id;
  if v_touch.campaign_id is not null then
    select c.* into v_campaign from public.campaigns c where c.id = v_touch.campaign_id;
    select cl.* into v_enrollment from public.campaign_leads cl
    where cl.campaign_id = v_touch.campaign_id and cl.lead_id = v_touch.lead_id;
  end if;
  -- Named columns: the worker may not read the provider secrets.
  select s.provider, s.config into v_setting.provider, v_setting.config from public.account_provider_settings s
  where s.account_id = v_touch.account_id and s.channel = v_touch.channel and s.is_default;

  if pg_catalog.jsonb_typeof(v_touch.payload -> 'routing' -> 'expires_at') = 'string' then
    begin
      v_expires_at := (v_touch.payload -> 'routing' ->> 'expires_at')::timestamptz;
    exception when others then
      v_expires_at := '-infinity';
    end;
  end if;
  if pg_catalog.jsonb_typeof(v_touch.payload -> 'routing' -> 'stop_on_events') = 'array' then
    select e.event_type into v_stop_event
    from public.core_memory_events e
    where e.lead_id = v_touch.lead_id
      and e.event_type in (select pg_catalog.jsonb_array_elements_text(v_touch.payload -> 'routing' -> 'stop_on_events'))
      and e.created_at > v_touch.created_at and e.created_at <= p_now
    order by e.created_at limit 1;
  end if;

  -- Carrier-required replies (STOP confirmation, HELP) go to opted-out, closed or
  -- archived leads and at any hour: the suppression, lead-state, cooldown, expiry,
  -- campaign and send-window checks are skipped; the channel, address, sender and
  -- send-key checks still apply.
  v_transactional := coalesce(v_touch.payload -> 'meta' ->> 'transactional' = 'true', false);

  -- Re-check everything that may have changed since the touch was planned.
  v_reason := case
    when v_transactional then null
    when v_ss.is_unsubscribed then 'suppressed'
    when v_touch.channel = any(v_ss.suppressed_channels) then 'channel_suppressed'
    when v_ss.stop_event is not null then 'stop_event:' || v_ss.stop_event
    when v_stop_event is not null then 'stop_event:' || v_stop_event
    when v_lead.lead_state in ('suppressed', 'closed') then 'lead_' || v_lead.lead_state
    when v_lead.status = 'archived' then 'lead_archived'
    when v_lead.lead_state = 'dead' and v_touch.campaign_id is not null then 'lead_dead'
    when v_ss.in_negative_cooldown then 'negative_cooldown'
    when v_expires_at <= p_now then 'expired'
    when v_touch.campaign_id is not null and not coalesce(v_campaign.is_active, false) then 'campaign_inactive'
    when v_touch.campaign_id is not null and coalesce(v_enrollment.status, 'none') not in ('active', 'completed')
      then 'enrollment_' || coalesce(v_enrollment.status, 'none')
  end;
  v_reason := coalesce(v_reason, case
    when not brain.channel_ready(v_touch.account_id, v_touch.channel) then 'channel_not_ready'
    -- The address, decided here and never after the outbound row exists. A carrier-required
    -- reply answers a text the lead just sent, so that line takes texts whatever its type says.
    else brain.address_problem(v_touch.channel, v_lead.phone, v_lead.email,
                               case when not v_transactional then v_lead.phone_line_type end)
  end);
  if v_reason is not null then
    return brain.cancel_touch(v_touch.id, v_reason, 'not sent: ' || v_reason, p_now);
  end if;

  -- Strict templates: the content is decided here, from the lead as it is now. A text
  -- without a body is never sent (no "Hola!"); a call without a script is dialled with
  -- no opening line, and the voice gateway briefs the assistant from the business.
  -- A placeholder that cannot be filled cancels the touch and pauses the enrollment.
  v_variables := coalesce(v_touch.payload -> 'delivery' -> 'variables', '{}'::jsonb)
                 || coalesce(brain.template_values(v_touch.lead_id), '{}'::jsonb);
  v_body_template := coalesce(v_touch.payload -> 'delivery' -> 'channel_overrides' -> v_touch.channel ->> 'body',
                              v_touch.payload -> 'delivery' ->> 'body',
                              v_touch.payload ->> 'message');
  if pg_catalog.btrim(coalesce(v_body_template, '')) = '' then
    v_body_template := null;
  end if;
  -- A carrier-required reply is already final text (it may quote the business name
  -- as typed): it is sent literally, never parsed as a template.
  if not v_transactional then
    v_problems := brain.template_problems(v_body_template, v_variables)
                  || brain.template_problems(v_touch.payload -> 'delivery' ->> 'subject', v_variables);
  end if;
  v_reason := case
    when v_body_template is null and v_touch.channel <> 'voice'
         and coalesce(v_touch.payload -> 'delivery' -> 'channel_overrides' -> v_touch.channel ->> 'template_name',
                      v_touch.payload -> 'delivery' ->> 'template_key') is null then 'missing_body'
    else v_problems[1]
  end;
  if v_reason is not null then
    v_outcome := brain.cancel_touch(v_touch.id, v_reason,
      case when v_reason = 'missing_body' then 'not sent: the touch has no message body'
           when v_reason like 'missing_lead_data:%'
             then pg_catalog.format('not sent: the lead has no %s and the template gives no default',
                                    pg_catalog.split_part(v_reason, ':', 2))
           else 'not sent: ' || v_reason end,
      p_now, pg_catalog.jsonb_build_object('campaign_id', v_touch.campaign_id, 'step', v_touch.step));
    -- The enrollment waits for a person: fix the lead, then public.resume_campaign_lead
    -- plans this step again.
    if v_touch.campaign_id is not null and v_enrollment.status in ('active', 'completed') then
      update public.campaign_leads
      set status = 'paused', paused_at = p_now, stopped_at = null, stop_reason = v_reason,
          current_step = least(current_step, v_touch.step)
      where account_id = v_touch.account_id and campaign_id = v_touch.campaign_id and lead_id = v_touch.lead_id;
      perform brain.record_event(v_touch.account_id, v_touch.lead_id, 'enrollment_paused', 'dispatch_touch', 'internal',
                pg_catalog.jsonb_build_object('campaign_id', v_touch.campaign_id, 'step', v_touch.step, 'reason', v_reason,
                                              'touch_run_id', v_touch.id), p_created_at => p_now);
    end if;
    return v_outcome;
  end if;

  -- Outside the lead's send window: come back when it opens.
  v_window := brain.window_start_at((select z_.time_zone from brain.lead_time_zone(v_lead.timezone, v_lead.phone, v_org.timezone) z_),
                                    v_org.send_window_start, v_org.send_window_end, p_now);
  if v_window > p_now and not v_transactional then
    update public.touch_runs set status = 'scheduled', scheduled_at = v_window where id = v_touch.id;
    return pg_catalog.jsonb_build_object('outcome', 'rescheduled', 'reason', 'outside_send_window', 'scheduled_at', v_window);
  end if;

  -- The intent, once: a send_key that already exists means it was already sent.
  v_send_key := brain.send_key(v_touch.lead_id, v_touch.campaign_id, v_touch.step, v_touch.channel, v_touch.attempt);
  if exists (select 1 from public.outbound_messages m where m.account_id = v_touch.account_id and m.send_key = v_send_key) then
    v_reason := 'duplicate_send_key';
  end if;

  -- Per-sender limits (config.max_per_second, 1 to 9999, default 1): a slot in the next
  -- 2.5 seconds (the worker waits for it), else come back at the slot.
  v_sender := coalesce(brain.touch_sender(v_touch.account_id, v_touch.channel, v_lead.persona, v_lead.id),
                       case when v_setting.provider = 'sink' then 'sink' end);
  if v_reason is null and v_sender is null and v_touch.channel <> 'email' then
    v_reason := 'no_sender';
  end if;
  if v_reason is not null then
    return brain.cancel_touch(v_touch.id, v_reason,
      case v_reason when 'no_sender' then 'no sender number is configured for this channel'
                    else 'this intent was already sent' end,
      p_now, '{}'::jsonb, case when v_reason = 'duplicate_send_key' then v_send_key end);
  end if;
  if v_touch.channel = 'email' then
    if not brain.count_daily_send(v_touch.account_id, 'email', coalesce(v_sender, 'default'),
                                  case when v_setting.config ->> 'daily_cap' ~ '^[0-9]{1,7}$' then (v_setting.config ->> 'daily_cap')::integer else 500 end, p_now) then
      update public.touch_runs set status = 'scheduled',
             scheduled_at = ((p_now at time zone 'UTC')::date + 1)::timestamp at time zone 'UTC'
      where id = v_touch.id;
      return pg_catalog.jsonb_build_object('outcome', 'rescheduled', 'reason', 'daily_cap');
    end if;
  else
    -- The limiter needs the time the slot is actually taken (after waiting for the
    -- sender's row lock), not the transaction's start.
    select * into v_slot from brain.reserve_sender_slot(
      v_touch.account_id, v_touch.channel, v_sender,
      case when v_setting.config ->> 'max_per_second' ~ '^[0-9]{1,4}$' then (v_setting.config ->> 'max_per_second')::integer else 1 end,
      greatest(p_now, pg_catalog.clock_timestamp()));
    if not v_slot.reserved then
      update public.touch_runs set status = 'scheduled', scheduled_at = v_slot.slot_at where id = v_touch.id;
      return pg_catalog.jsonb_build_object('outcome', 'rescheduled', 'reason', 'rate_limited', 'scheduled_at', v_slot.slot_at);
    end if;
    v_not_before := v_slot.slot_at;
  end if;

  if v_transactional then
    v_subject := v_touch.payload -> 'delivery' ->> 'subject';
    v_body := coalesce(v_body_template, '');
  else
    v_subject := brain.render_template(v_touch.payload -> 'delivery' ->> 'subject', v_variables);
    v_body := coalesce(brain.render_template(v_body_template, v_variables), '');
  end if;
  insert into public.outbound_messages (account_id, lead_id, touch_run_id, campaign_id, channel, send_key, provider,
                                        status, to_address, from_address, subject, body)
  values (v_touch.account_id, v_touch.lead_id, v_touch.id, v_touch.campaign_id, v_touch.channel, v_send_key,
          coalesce(v_setting.provider, 'sink'), 'pending',
          case when v_touch.channel = 'email' then v_lead.email::text else v_lead.phone::text end,
          v_sender, v_subject, v_body)
  on conflict (account_id, send_key) do nothing
  returning id into v_message_id;
  if v_message_id is null then
    -- Lost a race with another claim of the same intent after the check above.
    return brain.cancel_touch(v_touch.id, 'duplicate_send_key', 'this intent was already sent', p_now, '{}'::jsonb, v_send_key);
  end if;

  update public.touch_runs
  set status = 'sending', send_key = v_send_key, claimed_at = p_now, claimed_by = p_worker_id,
      provider = coalesce(v_setting.provider, 'sink')
  where id = v_touch.id;

  v_in_window := exists (
    select 1 from public.core_memory_events e
    where e.lead_id = v_touch.lead_id and e.channel = 'whatsapp' and e.direction = 'inbound'
      and e.created_at > p_now - interval '24 hours' and e.created_at <= p_now);

  return pg_catalog.jsonb_build_object(
    'outcome', 'claimed',
    'not_before', v_not_before,
    'send', pg_catalog.jsonb_build_object(
      'touch_run_id', v_touch.id,
      'send_key', v_send_key,
      'account_id', v_touch.account_id,
      'lead_id', v_touch.lead_id,
      'campaign_id', v_touch.campaign_id,
      'step', v_touch.step,
      'attempt', v_touch.attempt,
      'channel', v_touch.channel,
      'provider', coalesce(v_setting.provider, 'sink'),
      'provider_config', coalesce(v_setting.config, '{}'::jsonb),
      'to', case when v_touch.channel = 'email' then v_lead.email::text else v_lead.phone::text end,
      'from', v_sender,
      'body', v_body,
      'subject', v_subject,
      'template_name', coalesce(v_touch.payload -> 'delivery' -> 'channel_overrides' -> v_touch.channel ->> 'template_name',
                                v_touch.payload -> 'delivery' ->> 'template_key'),
      'template_variables', v_variables,
      'in_customer_service_window', v_in_window,
      'persona', v_lead.persona,
      'country', v_lead.country));
end
$$;

comment on function brain.claim_touch(uuid, text, timestamptz) is
  'Claims a due touch for sending, in one transaction with a guarded row lock. Outcomes: claimed (status sending, claimed_by = p_worker_id, outbound_messages row with brain.send_key inserted; the result carries everything the driver needs and not_before, the rate-limit slot), rescheduled (outside the lead''s send window, per-sender rate limit, email daily cap: status scheduled at the new time), canceled (suppressed or channel suppressed, stop event, lead suppressed/closed/dead/archived, negative cooldown, expired, campaign off, enrollment not active, channel not ready, unreachable (no address for the channel) or phone_not_mobile (sms or whatsapp to a known landline, except a transactional reply) by brain.address_problem, always before the outbound_messages row exists, no sender, or duplicate_send_key: the intent was already sent; strict templates: missing_body for a text touch without a body or template, missing_lead_data:<variable> for a placeholder the lead has no value for and no {{variable|default}}, unknown_template_variable:<variable>; those also pause the campaign enrollment with that reason, back at the touch''s step, until public.resume_campaign_lead). Variables are brain.template_values of the lead at claim time over payload delivery.variables; a voice touch without a script is dialled with no opening line (campaign voice steps cannot be activated without one). A transactional touch (payload meta.transactional: STOP confirmation, HELP reply) skips the suppression, stop-event, lead-state, cooldown, expiry, campaign and send-window checks (channel, address, sender and send-key checks still apply) and is sent literally, not rendered as a template. unknown (the touch was found still sending and the worker that claimed it has no heartbeat row: it died mid-send; the touch is marked unknown and never re-sent blindly), skipped (not found, already final, not due yet, or in_flight: still sending by a worker that is alive in worker_heartbeats).';

revoke execute on function brain.claim_touch(uuid, text, timestamptz) from public;
grant execute on function brain.claim_touch(uuid, text, timestamptz) to revenue_worker;
