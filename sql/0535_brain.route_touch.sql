-- The smart router: after a touch's outcome, the fallback matrix decides the next touch.
create or replace function brain.route_touch(p_touch_run_id uuid, p_now timestamptz default now())
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_touch public.touch_runs;
  v_lead public.leads;
  v_org public.org_settings;
  v_decision record;
  v_current record;
  v_at timestamptz;
  v_attempt integer;
  v_next uuid;
  v_dead boolean := false;
  v_event_id uuid;
begin
  select t.* into v_touch from public.touch_runs t where t.id = p_touch_run_id;
  -- Once per touch: a delivery failure reported after the send was routed adds nothing.
  if exists (select 1 from public.core_memory_events e
             where e.account_id = v_touch.account_id and e.dedupe_key = 'route:' || v_touch.id::text) then
    return pg_catalog.jsonb_build_object('decision', 'already_routed');
  end if;
  if pg_catalog.jsonb_typeof(v_touch.payload -> 'routing' -> 'fallback') is distinct from 'object' then
    return pg_catalog.jsonb_build_object('decision', 'stop', 'reason', 'no_fallback');
  end if;

  select d.* into v_decision
  from public.decide_next_channel_for_lead(v_touch.lead_id, v_touch.campaign_id, v_touch.step, p_now) d;

  if v_decision.decision in ('retry_same_channel', 'switch_channel', 'wait_cooldown') then
    select l.* into v_lead from public.leads l where l.id = v_touch.lead_id;
    select o.* into v_org from public.org_settings o where o.account_id = v_touch.account_id;
    v_at := greatest(p_now, coalesce(v_decision.wait_until, p_now));
    if v_decision.decision = 'switch_channel' then
      -- Router policy: a switch waits out the current channel's cooldown, so a lead
      -- is never contacted on two channels back to back.
      select f.* into v_current
      from brain.fallback_plan(v_touch.account_id, v_touch.lead_id, v_touch.campaign_id, v_touch.step,
                               v_touch.payload -> 'routing' -> 'fallback', p_now) f
      where f.channel = v_touch.channel limit 1;
      if v_current.last_attempt_at is not null then
        v_at := greatest(v_at, v_current.last_attempt_at + pg_catalog.make_interval(mins => v_current.cooldown_minutes));
      end if;
    end if;
    v_at := brain.window_start_at((select z_.time_zone from brain.lead_time_zone(v_lead.timezone, v_lead.phone, v_org.timezone) z_),
                                  v_org.send_window_start, v_org.send_window_end, v_at);
    select coalesce(max(t.attempt), 0) + 1 into v_attempt
    from public.touch_runs t
    where t.lead_id = v_touch.lead_id and t.campaign_id is not distinct from v_touch.campaign_id
      and t.step = v_touch.step and t.channel = v_decision.next_channel;

    insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, created_at, payload)
    values (v_touch.account_id, v_touch.lead_id, v_touch.campaign_id, v_touch.step, v_decision.next_channel, v_attempt,
            case when v_at <= p_now then 'queued' else 'scheduled' end, v_at, p_now,
            pg_catalog.jsonb_set(
              pg_catalog.jsonb_set(v_touch.payload, '{routing,current_channel}', pg_catalog.to_jsonb(v_decision.next_channel)),
              '{meta,parent_touch_run_id}', pg_catalog.to_jsonb(v_touch.id::text), true))
    on conflict on constraint touch_runs_attempt_key do nothing
    returning id into v_next;
  elsif v_decision.reason = 'all_channels_exhausted' then
    -- The step's plan is used up. The lead is dead when nothing else is under way for it.
    if not exists (select 1 from public.campaign_leads cl join public.campaigns c on c.id = cl.campaign_id and c.account_id = cl.account_id
                   where cl.lead_id = v_touch.lead_id and cl.status = 'active' and c.is_active)
       and not exists (select 1 from public.touch_runs t
                       where t.lead_id = v_touch.lead_id and t.status in ('scheduled', 'queued', 'sending')) then
      update public.campaign_leads set status = 'stopped', stopped_at = p_now, stop_reason = 'exhausted'
      where lead_id = v_touch.lead_id and status = 'completed';
      select exists (select 1 from public.leads l join public.lead_state_transitions x
                     on x.from_state = l.lead_state and x.to_state = 'dead' where l.id = v_touch.lead_id)
        into v_dead;
      if v_dead then
        perform brain.transition_lead(v_touch.lead_id, 'dead', 'all_channels_exhausted', 'smart_router');
      end if;
    end if;
  end if;

  -- The route:<touch> key is the once-per-touch guard: a concurrent second router for the
  -- same touch fails (unique_violation) and rolls its work back, as the plain insert did.
  v_event_id := brain.record_event(v_touch.account_id, v_touch.lead_id,
    case when v_decision.decision = 'stop' then 'cadence_stopped' else 'touch_routed' end,
    'smart_router', 'internal',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'touch_run_id', v_touch.id::text, 'decision', v_decision.decision, 'reason', v_decision.reason,
      'next_channel', v_decision.next_channel, 'next_touch_run_id', v_next, 'scheduled_at', v_at,
      'lead_dead', case when v_dead then true end)),
    v_touch.channel::text, p_now, 'route:' || v_touch.id::text);
  if v_event_id is null then
    raise exception using errcode = '23505', message = 'touch_already_routed',
      detail = pg_catalog.format('touch %s was routed by another transaction', v_touch.id);
  end if;

  return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'decision', v_decision.decision, 'reason', v_decision.reason, 'next_channel', v_decision.next_channel,
    'next_touch_run_id', v_next, 'scheduled_at', v_at, 'lead_dead', v_dead));
end
$$;

comment on function brain.route_touch(uuid, timestamptz) is
  'Smart router, run after every dispatch outcome: asks decide_next_channel_for_lead about the touch''s lead + campaign + step. retry_same_channel / switch_channel create the next touch_run (next attempt on that channel); wait_cooldown creates it scheduled at wait_until. A switch also waits out the current channel''s cooldown, and every new touch starts inside the lead''s send window. stop ends the step''s cadence; when every channel is exhausted and nothing else is under way for the lead (no active enrollment, no open touch) the lead moves to dead. Logs touch_routed or cadence_stopped with dedupe_key route:<touch id>; a touch is routed once (a later call, e.g. a delivery failure reported after the send was routed, returns already_routed and changes nothing).';

revoke execute on function brain.route_touch(uuid, timestamptz) from public;
grant execute on function brain.route_touch(uuid, timestamptz) to revenue_worker;
