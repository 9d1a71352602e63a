-- The channels of a fallback plan with what each allows, has used, and whether it can be used.
create or replace function brain.fallback_plan(
  p_account_id uuid,
  p_lead_id uuid,
  p_campaign_id uuid,
  p_step integer,
  p_fallback jsonb,
  p_now timestamptz
)
returns table (
  channel text,
  pos bigint,
  attempts_allowed integer,
  cooldown_minutes integer,
  attempts_done bigint,
  last_attempt_at timestamptz,
  ready boolean,
  reachable boolean
)
language sql
stable
as $$
  select
    o.channel,
    o.pos,
    case when p_fallback -> 'max_attempts' ->> o.channel ~ '^[0-9]{1,9}$'
         then least((p_fallback -> 'max_attempts' ->> o.channel)::integer, 100) else 1 end,
    case when p_fallback -> 'cooldown_minutes' ->> o.channel ~ '^[0-9]{1,9}$'
         then least((p_fallback -> 'cooldown_minutes' ->> o.channel)::integer, 525600) else 0 end,
    coalesce(a.attempts_done, 0),
    a.last_attempt_at,
    o.channel in (select r.channel from brain.ready_channels(p_account_id) r),
    -- The one reachability rule (brain.address_problem), with what enrichment learned and
    -- the campaign's allow_role_addresses (outside campaigns a role address is allowed).
    brain.address_problem(o.channel, l.phone, l.email, l.phone_line_type, l.phone_status, l.email_status,
                          l.email_is_role, l.email_is_disposable,
                          coalesce((select c.allow_role_addresses from public.campaigns c
                                    where c.id = p_campaign_id and c.account_id = p_account_id), p_campaign_id is null)) is null
  from pg_catalog.jsonb_array_elements_text(
         case when pg_catalog.jsonb_typeof(p_fallback -> 'order') = 'array' then p_fallback -> 'order' else '[]'::jsonb end
       ) with ordinality as o(channel, pos)
  join public.leads l on l.id = p_lead_id and l.account_id = p_account_id
  left join brain.lead_channel_attempts_at(p_now) a
    on a.lead_id = p_lead_id
   and a.campaign_id is not distinct from p_campaign_id
   and a.step = p_step
   and a.channel = o.channel
$$;

comment on function brain.fallback_plan(uuid, uuid, uuid, integer, jsonb, timestamptz) is
  'Expands a payload v2 routing.fallback into one row per channel of its order: attempts allowed (max_attempts: a whole number, at most 100 (touch_runs.attempt''s limit); default 1), cooldown (cooldown_minutes: a whole number, at most a year; default 0), attempts done and last attempt (v_lead_channel_attempts as of p_now), provider readiness and whether the channel can reach the lead (brain.address_problem is null: the address exists and enrichment found nothing that rules it out; a role address counts for a campaign that allows it, and outside campaigns).';
