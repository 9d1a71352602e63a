-- LeadGen routing as the Programs page and Command OS show it: the same rule
-- lead_hunter.enqueue_craigslist_discover_v1 applies before it queues a discover.
create or replace function lead_hunter.leadgen_routing_summary(p_routing jsonb)
returns table (
  configured boolean,
  active boolean,
  dealer_address_set boolean,
  radius_miles numeric,
  city_fallback text
)
language sql
immutable
parallel safe
set search_path = ''
as $$
  select
    a.address_set and r.radius is not null and r.radius > 0,
    coalesce(p_routing -> 'active' = 'true'::jsonb, false),
    a.address_set,
    r.radius,
    lead_hunter.normalize_city(case when pg_catalog.jsonb_typeof(p_routing -> 'city_fallback') = 'string' then p_routing ->> 'city_fallback' end)
  from (select coalesce(pg_catalog.jsonb_typeof(p_routing -> 'dealer_address') = 'string'
                        and pg_catalog.length(pg_catalog.btrim(p_routing ->> 'dealer_address')) > 0, false) as address_set) a,
       (select case when pg_catalog.jsonb_typeof(p_routing -> 'radius_miles') = 'number'
                    then (p_routing ->> 'radius_miles')::numeric end as radius) r
$$;

comment on function lead_hunter.leadgen_routing_summary(jsonb) is
  'org_settings.leadgen_routing summarised (one row): configured when dealer_address is a non-blank string and radius_miles a positive number (the check lead_hunter.enqueue_craigslist_discover_v1 makes before queueing a discover, leadgen_routing_not_configured otherwise); active when active is JSON true; city_fallback as lead_hunter.normalize_city gives it ("São Paulo" → saopaulo), null when unset.';

revoke execute on function lead_hunter.leadgen_routing_summary(jsonb) from public;
grant execute on function lead_hunter.leadgen_routing_summary(jsonb) to revenue_api, revenue_analyst, revenue_worker;
