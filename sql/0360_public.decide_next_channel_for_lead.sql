-- Seed 002's "Fallback Matrix & Next-Channel Decision" for one lead + campaign + step.
create or replace function public.decide_next_channel_for_lead(
  p_lead_id uuid,
  p_campaign_id uuid,
  p_step integer,
  p_now timestamptz default now()
)
returns table (
  decision text,
  current_channel text,
  next_channel text,
  wait_until timestamptz,
  reason text
)
language plpgsql
stable
set search_path = ''
as $$
declare
  v_touch public.touch_runs;
  v_routing jsonb;
  v_fallback jsonb;
  v_expires_at timestamptz;
  v_stop_event text;
  v_current record;
  v_next record;
begin
  -- The last touch of this lead + campaign + step is the one the decision is about.
  select t.* into v_touch
  from public.touch_runs t
  where t.lead_id = p_lead_id
    and t.campaign_id is not distinct from p_campaign_id
    and t.step = p_step
    and t.created_at <= p_now
  order by t.created_at desc, t.attempt desc, t.id desc
  limit 1;
  if not found then
    return query select 'stop'::text, null::text, null::text, null::timestamptz, 'no_touch'::text;
    return;
  end if;
  current_channel := v_touch.channel;

  v_routing := v_touch.payload -> 'routing';
  v_fallback := v_routing -> 'fallback';
  if pg_catalog.jsonb_typeof(v_fallback) is distinct from 'object'
     or pg_catalog.jsonb_typeof(v_fallback -> 'order') is distinct from 'array' then
    return query select 'stop'::text, current_channel, null::text, null::timestamptz, 'no_fallback'::text;
    return;
  end if;

  if pg_catalog.jsonb_typeof(v_routing -> 'expires_at') = 'string' then
    begin
      v_expires_at := (v_routing ->> 'expires_at')::timestamptz;
    exception when others then
      return query select 'stop'::text, current_channel, null::text, null::timestamptz, 'invalid_expires_at'::text;
      return;
    end;
    if v_expires_at <= p_now then
      return query select 'stop'::text, current_channel, null::text, null::timestamptz, 'expired'::text;
      return;
    end if;
  end if;

  if pg_catalog.jsonb_typeof(v_routing -> 'stop_on_events') = 'array' then
    select e.event_type into v_stop_event
    from public.core_memory_events e
    where e.lead_id = p_lead_id
      and e.event_type in (select pg_catalog.jsonb_array_elements_text(v_routing -> 'stop_on_events'))
      and e.created_at > v_touch.created_at
      and e.created_at <= p_now
    order by e.created_at
    limit 1;
    if v_stop_event is not null then
      return query select 'stop'::text, current_channel, null::text, null::timestamptz, 'stop_event:' || v_stop_event;
      return;
    end if;
  end if;

  select f.*, f.ready and f.reachable as usable into v_current
  from brain.fallback_plan(v_touch.account_id, p_lead_id, p_campaign_id, p_step, v_fallback, p_now) f
  where f.channel = current_channel
  order by f.pos
  limit 1;

  if found and v_current.usable and v_current.attempts_done < v_current.attempts_allowed then
    if v_current.last_attempt_at is null
       or v_current.last_attempt_at + pg_catalog.make_interval(mins => v_current.cooldown_minutes) <= p_now then
      return query select 'retry_same_channel'::text, current_channel, current_channel, null::timestamptz,
                          'attempts_left'::text;
    else
      return query select 'wait_cooldown'::text, current_channel, current_channel,
                          v_current.last_attempt_at + pg_catalog.make_interval(mins => v_current.cooldown_minutes),
                          'cooldown_active'::text;
    end if;
    return;
  end if;

  -- The current channel is exhausted (or cannot be used): the next usable channel
  -- after it in the order, wrapping to the earlier ones.
  select f.* into v_next
  from brain.fallback_plan(v_touch.account_id, p_lead_id, p_campaign_id, p_step, v_fallback, p_now) f
  where f.channel <> current_channel and f.ready and f.reachable and f.attempts_done < f.attempts_allowed
  order by (f.pos > coalesce(v_current.pos, 0)) desc, f.pos
  limit 1;

  if v_next.channel is not null then
    return query select
      'switch_channel'::text,
      current_channel,
      v_next.channel,
      case when v_next.last_attempt_at + pg_catalog.make_interval(mins => v_next.cooldown_minutes) > p_now
           then v_next.last_attempt_at + pg_catalog.make_interval(mins => v_next.cooldown_minutes) end,
      case
        when v_current.channel is null then 'current_not_in_order'
        when not v_current.ready then 'current_not_ready'
        when not v_current.reachable then 'current_unreachable'
        else 'current_exhausted'
      end;
    return;
  end if;

  return query select 'stop'::text, current_channel, null::text, null::timestamptz, 'all_channels_exhausted'::text;
end
$$;

comment on function public.decide_next_channel_for_lead(uuid, uuid, integer, timestamptz) is
  'Seed 002 fallback matrix for the last touch of a lead + campaign + step, as of p_now. decision: retry_same_channel (attempts left on the current channel and its cooldown passed), wait_cooldown (attempts left, cooldown running; wait_until is its end), switch_channel (current channel exhausted or unusable; next_channel is the next usable channel with attempts left in payload.routing.fallback.order, wrapping; wait_until is set when that channel is itself cooling down) or stop. It stops when there is no touch (no_touch), the payload has no routing.fallback (no_fallback), routing.expires_at has passed (expired, at or after it), one of routing.stop_on_events was recorded after the touch was created (stop_event:<type>), or no channel is left (all_channels_exhausted). A channel whose provider is not ready (brain.channel_ready) or for which the lead has no address counts as having no attempts left. Missing max_attempts default to 1, missing cooldowns to 0.';

revoke execute on function public.decide_next_channel_for_lead(uuid, uuid, integer, timestamptz) from public;
grant execute on function public.decide_next_channel_for_lead(uuid, uuid, integer, timestamptz) to revenue_api, revenue_analyst, revenue_worker;
