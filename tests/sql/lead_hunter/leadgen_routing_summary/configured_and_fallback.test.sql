-- LeadGen routing is configured exactly when enqueue_craigslist_discover_v1 would
-- accept it (dealer address and a positive radius); active only when JSON true;
-- the city fallback normalised like every other city.
begin;
select plan(7);

-- TEST: nothing set.
select results_eq(
  $$select configured, active, dealer_address_set, radius_miles, city_fallback from lead_hunter.leadgen_routing_summary(null)$$,
  $$values (false, false, false, null::numeric, null::text)$$, 'no routing: not configured, not active, no fallback');

-- TEST: address and radius make it configured; active is separate.
select results_eq(
  $$select configured, active, radius_miles from lead_hunter.leadgen_routing_summary('{"dealer_address": "1 Main St", "radius_miles": 25}')$$,
  $$values (true, false, 25::numeric)$$, 'address and radius: configured, not active');
select is((select active from lead_hunter.leadgen_routing_summary('{"dealer_address": "1 Main St", "radius_miles": 25, "active": true}')),
  true, 'active true: active');
select is((select active from lead_hunter.leadgen_routing_summary('{"active": "true"}')),
  false, 'the string "true" is not active');

-- TEST: a blank address, a zero or textual radius are not configured.
select results_eq(
  $$select s.configured
    from (values ('{"dealer_address": "  ", "radius_miles": 25}'::jsonb), ('{"dealer_address": "1 Main", "radius_miles": 0}'),
                 ('{"dealer_address": "1 Main", "radius_miles": "25"}')) v(r)
    cross join lateral lead_hunter.leadgen_routing_summary(v.r) s$$,
  $$values (false), (false), (false)$$, 'blank address, zero radius or a radius as text: not configured');

-- TEST: the city fallback is lead_hunter.normalize_city's (accents folded).
select is((select city_fallback from lead_hunter.leadgen_routing_summary('{"city_fallback": "São Paulo"}')), 'saopaulo',
  'São Paulo → saopaulo');

-- TEST: it agrees with enqueue_craigslist_discover_v1: configured but inactive routing is refused as inactive, not as unconfigured.
select tests.create_account('Routing') as a \gset
update public.org_settings set leadgen_routing = '{"dealer_address": "1 Main St", "radius_miles": 25, "active": false}' where account_id = :'a';
select throws_ok(format($$select lead_hunter.enqueue_craigslist_discover_v1(%L, 'miami')$$, :'a'),
  'P0001', 'leadgen_routing_inactive', 'the summary''s configured routing passes the enqueue check and stops at inactive');

select * from finish();
rollback;
