-- autos.activate turns routing on only when dealer_address and radius_miles are configured;
-- otherwise routing stays off and routing_note says routing_needs_setup.
begin;
select plan(8);

-- TEST: default routing (nothing configured).
select tests.create_account('Unconfigured') as a \gset
select tests.create_campaign(:'a', 'autos_outbound_miami', false) as a_miami \gset
select results_eq(
  format($$select resolution, campaign_id, campaign_is_active, routing_active, routing_note
           from public.autos_set_active(%L, 'Miami', true, 'ops')$$, :'a'),
  format($$values ('ok'::text, %L::uuid, true, false, 'routing_needs_setup'::text)$$, :'a_miami'),
  'unconfigured routing: campaign activated, routing_needs_setup, routing off');
select is(
  (select leadgen_routing from public.org_settings where account_id = :'a'),
  '{"active": false}'::jsonb,
  'unconfigured routing is left as it was');

-- TEST: an address without a radius is not configured.
select tests.create_account('Address only') as b \gset
update public.org_settings set leadgen_routing = '{"dealer_address":"1 Main St","active":false}' where account_id = :'b';
select tests.create_campaign(:'b', 'autos_outbound_miami', false);
select results_eq(
  format($$select routing_active, routing_note from public.autos_set_active(%L, 'miami', true, 'ops')$$, :'b'),
  $$values (false, 'routing_needs_setup'::text)$$,
  'dealer_address without radius_miles: routing_needs_setup');
select is(
  (select leadgen_routing ->> 'active' from public.org_settings where account_id = :'b'),
  'false',
  'address only: routing stays off');

-- TEST: a radius without an address is not configured.
select tests.create_account('Radius only') as c \gset
update public.org_settings set leadgen_routing = '{"radius_miles":25,"active":false}' where account_id = :'c';
select tests.create_campaign(:'c', 'autos_outbound_miami', false);
select results_eq(
  format($$select routing_active, routing_note from public.autos_set_active(%L, 'miami', true, 'ops')$$, :'c'),
  $$values (false, 'routing_needs_setup'::text)$$,
  'radius_miles without dealer_address: routing_needs_setup');

-- TEST: a blank address is not configured.
select tests.create_account('Blank address') as d \gset
update public.org_settings set leadgen_routing = '{"dealer_address":"   ","radius_miles":25,"active":false}' where account_id = :'d';
select tests.create_campaign(:'d', 'autos_outbound_miami', false);
select results_eq(
  format($$select routing_active, routing_note from public.autos_set_active(%L, 'miami', true, 'ops')$$, :'d'),
  $$values (false, 'routing_needs_setup'::text)$$,
  'a blank dealer_address: routing_needs_setup');

-- TEST: none of these accounts had routing turned on.
select is(
  (select count(*)::int from public.org_settings
   where account_id in (:'a', :'b', :'c', :'d') and (leadgen_routing ->> 'active')::boolean),
  0,
  'routing is off in all four accounts');

-- TEST: once both are configured, the same call turns routing on.
update public.org_settings set leadgen_routing = '{"dealer_address":"1 Main St","radius_miles":5,"active":false}' where account_id = :'b';
select results_eq(
  format($$select routing_active, routing_note from public.autos_set_active(%L, 'miami', true, 'ops')$$, :'b'),
  $$values (true, 'routing_on'::text)$$,
  'address and radius configured: routing_on');

select * from finish();
rollback;
