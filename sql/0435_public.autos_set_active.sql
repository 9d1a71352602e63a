-- autos.activate / autos.deactivate (seed 001).
create or replace function public.autos_set_active(
  p_account_id uuid,
  p_city text,
  p_active boolean,
  p_actor text default null
)
returns table (
  resolution text,
  campaign_id uuid,
  campaign_key text,
  candidates text[],
  campaign_is_active boolean,
  routing_active boolean,
  routing_note text
)
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_resolved record;
  v_routing jsonb;
  v_configured boolean;
  v_start jsonb;
begin
  if p_active is null then
    raise exception using errcode = '22004', message = 'invalid_argument', detail = 'p_active must be true or false';
  end if;
  select * into v_resolved from brain.resolve_autos_campaign(p_account_id, p_city);

  select s.leadgen_routing into v_routing from public.org_settings s where s.account_id = p_account_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'account_not_found',
      detail = pg_catalog.format('no account with id %s is visible', p_account_id);
  end if;
  v_configured := pg_catalog.jsonb_typeof(v_routing -> 'dealer_address') = 'string'
                  and pg_catalog.length(pg_catalog.btrim(v_routing ->> 'dealer_address')) > 0
                  and pg_catalog.jsonb_typeof(v_routing -> 'radius_miles') = 'number';

  -- Nothing changes unless exactly one campaign matches.
  if v_resolved.resolution <> 'ok' then
    return query select v_resolved.resolution, null::uuid, null::text, v_resolved.candidates,
                        null::boolean, coalesce((v_routing ->> 'active')::boolean, false), 'unchanged'::text;
    return;
  end if;

  perform public.set_campaign_active(v_resolved.campaign_id, p_active, p_actor);

  if not p_active then
    update public.org_settings set leadgen_routing = leadgen_routing || '{"active": false}'::jsonb
    where account_id = p_account_id;
    routing_note := 'routing_off';
    -- Seed 001: autos.deactivate stops the city's queued Craigslist tasks.
    if p_city is not null then
      perform lead_hunter.stop_craigslist_v1(p_account_id, p_city);
    end if;
  elsif v_configured then
    update public.org_settings set leadgen_routing = leadgen_routing || '{"active": true}'::jsonb
    where account_id = p_account_id;
    routing_note := 'routing_on';
    -- Seed 001: autos.activate queues a Craigslist discover for the city.
    if p_city is not null then
      v_start := lead_hunter.start_craigslist_v1(p_account_id, p_city, false, true, p_actor);
    end if;
  else
    routing_note := 'routing_needs_setup';
  end if;

  return query
    select 'ok'::text, c.id, c.campaign_key, v_resolved.candidates, c.is_active,
           coalesce((s.leadgen_routing ->> 'active')::boolean, false), routing_note
    from public.campaigns c
    join public.org_settings s on s.account_id = c.account_id
    where c.id = v_resolved.campaign_id;
end
$$;

comment on function public.autos_set_active(uuid, text, boolean, text) is
  'autos.activate (p_active true) and autos.deactivate (false): resolves the campaign with brain.resolve_autos_campaign and changes nothing unless the resolution is ok. Then switches the campaign with set_campaign_active and LeadGen routing: on only when it is already configured (dealer_address and radius_miles; else routing_note = routing_needs_setup), which also queues a Craigslist discover for the city; deactivate turns routing off and stops the city''s queued Craigslist tasks. Returns the re-read state.';

revoke execute on function public.autos_set_active(uuid, text, boolean, text) from public;
grant execute on function public.autos_set_active(uuid, text, boolean, text) to revenue_api, revenue_worker;
