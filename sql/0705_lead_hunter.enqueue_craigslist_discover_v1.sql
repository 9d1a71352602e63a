-- Seed 001: `select lead_hunter.enqueue_craigslist_discover_v1('<account_id>'::uuid, 'miami')`.
create or replace function lead_hunter.enqueue_craigslist_discover_v1(
  p_account_id uuid,
  p_city text,
  p_override boolean default false
)
returns uuid
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_city text := lead_hunter.normalize_city(p_city);
  v_routing jsonb;
  v_summary record;
  v_id uuid;
begin
  if v_city is null or v_city !~ '^[a-z][a-z0-9]{1,39}$' then
    raise exception using errcode = '22023', message = 'invalid_city',
      detail = pg_catalog.format('%L is not a Craigslist city name', p_city);
  end if;
  select s.leadgen_routing into v_routing from public.org_settings s where s.account_id = p_account_id;
  if not found then
    raise exception using errcode = 'P0002', message = 'account_not_found',
      detail = pg_catalog.format('no account with id %s is visible', p_account_id);
  end if;
  if not coalesce(p_override, false) then
    -- The one routing rule (lead_hunter.leadgen_routing_summary), as the Programs page shows it.
    select r.* into v_summary from lead_hunter.leadgen_routing_summary(v_routing) r;
    if not v_summary.dealer_address_set then
      raise exception using errcode = 'P0001', message = 'leadgen_routing_not_configured',
        detail = 'LeadGen routing has no dealer address; complete onboarding step 3, or start with an explicit override',
        hint = 'org_settings.leadgen_routing needs dealer_address and radius_miles';
    end if;
    if not v_summary.configured then
      raise exception using errcode = 'P0001', message = 'leadgen_routing_not_configured',
        detail = 'LeadGen routing has no positive radius_miles; complete onboarding step 3, or start with an explicit override',
        hint = 'org_settings.leadgen_routing needs dealer_address and radius_miles';
    end if;
    if not v_summary.active then
      raise exception using errcode = 'P0001', message = 'leadgen_routing_inactive',
        detail = 'LeadGen routing is off; turn it on, or start with an explicit override';
    end if;
  end if;
  -- One discover per city at a time.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(p_account_id::text || ':discover:' || v_city, 0));
  if exists (select 1 from lead_hunter.craigslist_tasks_v1 t
             where t.account_id = p_account_id and t.task_type = 'discover' and t.city = v_city
               and t.status in ('queued', 'claimed')) then
    raise exception using errcode = 'P0001', message = 'discover_already_running',
      detail = pg_catalog.format('a Craigslist discover for %s is already queued or running', v_city);
  end if;
  insert into lead_hunter.craigslist_tasks_v1 (account_id, task_type, city)
  values (p_account_id, 'discover', v_city)
  returning id into v_id;
  return v_id;
end
$$;

comment on function lead_hunter.enqueue_craigslist_discover_v1(uuid, text, boolean) is
  'Queues a discover task for a city (seed 001). Refuses, with readable errors, unless the account''s LeadGen routing is configured with a dealer_address and a positive radius_miles (leadgen_routing_not_configured) and on (leadgen_routing_inactive) — p_override skips both — and while a discover for the same city is already queued or claimed (discover_already_running). Returns the task id.';

revoke execute on function lead_hunter.enqueue_craigslist_discover_v1(uuid, text, boolean) from public;
grant execute on function lead_hunter.enqueue_craigslist_discover_v1(uuid, text, boolean) to revenue_api, revenue_worker;
