-- Seed 001: LeadGen routing CHECK (radius 1–50; dealer_address required when active).
begin;
select plan(14);

select tests.create_account() as acct \gset

-- TEST: valid routings are accepted, including both radius bounds.
select lives_ok(
  format($$update public.org_settings set leadgen_routing = '{"dealer_address":"1 Main St, Miami","radius_miles":1,"city_fallback":"miami","active":true}' where account_id = %L$$, :'acct'),
  'active routing with an address and radius 1 is accepted');
select lives_ok(
  format($$update public.org_settings set leadgen_routing = '{"dealer_address":"1 Main St","radius_miles":50,"active":true}' where account_id = %L$$, :'acct'),
  'radius 50 is accepted');
select lives_ok(
  format($$update public.org_settings set leadgen_routing = '{"radius_miles":12.5,"active":false}' where account_id = %L$$, :'acct'),
  'inactive routing needs no address');
select lives_ok(
  format($$update public.org_settings set leadgen_routing = '{}' where account_id = %L$$, :'acct'),
  'an empty routing object is accepted (not configured)');

-- TEST: radius outside 1–50 or not a number is refused.
select throws_ok(
  format($$update public.org_settings set leadgen_routing = '{"radius_miles":0}' where account_id = %L$$, :'acct'),
  '23514', 'new row for relation "org_settings" violates check constraint "org_settings_leadgen_routing_radius_check"',
  'radius 0 is refused');
select throws_ok(
  format($$update public.org_settings set leadgen_routing = '{"radius_miles":50.01}' where account_id = %L$$, :'acct'),
  '23514', 'new row for relation "org_settings" violates check constraint "org_settings_leadgen_routing_radius_check"',
  'radius above 50 is refused');
select throws_ok(
  format($$update public.org_settings set leadgen_routing = '{"radius_miles":"10"}' where account_id = %L$$, :'acct'),
  '23514', 'new row for relation "org_settings" violates check constraint "org_settings_leadgen_routing_radius_check"',
  'a radius given as text is refused');

-- TEST: active routing requires a non-blank dealer_address.
select throws_ok(
  format($$update public.org_settings set leadgen_routing = '{"radius_miles":10,"active":true}' where account_id = %L$$, :'acct'),
  '23514', 'new row for relation "org_settings" violates check constraint "org_settings_leadgen_routing_address_check"',
  'active without dealer_address is refused');
select throws_ok(
  format($$update public.org_settings set leadgen_routing = '{"dealer_address":"   ","active":true}' where account_id = %L$$, :'acct'),
  '23514', 'new row for relation "org_settings" violates check constraint "org_settings_leadgen_routing_address_check"',
  'active with a blank dealer_address is refused');
select throws_ok(
  format($$update public.org_settings set leadgen_routing = '{"dealer_address":null,"active":true}' where account_id = %L$$, :'acct'),
  '23514', 'new row for relation "org_settings" violates check constraint "org_settings_leadgen_routing_address_check"',
  'active with a null dealer_address is refused');

-- TEST: the shape is checked (object; active is boolean).
select throws_ok(
  format($$update public.org_settings set leadgen_routing = '{"active":"yes","dealer_address":"x"}' where account_id = %L$$, :'acct'),
  '23514', 'new row for relation "org_settings" violates check constraint "org_settings_leadgen_routing_shape_check"',
  'active must be a boolean');
select throws_ok(
  format($$update public.org_settings set leadgen_routing = '[]' where account_id = %L$$, :'acct'),
  '23514', 'new row for relation "org_settings" violates check constraint "org_settings_leadgen_routing_shape_check"',
  'routing must be an object');

-- TEST: a refused update changes nothing.
select is(
  (select leadgen_routing from public.org_settings where account_id = :'acct'),
  '{}'::jsonb,
  'the last accepted routing is still stored after the refusals');

-- TEST: each constraint carries a readable sentence for the console.
select is(
  obj_description((select oid from pg_constraint where conname = 'org_settings_leadgen_routing_address_check'), 'pg_constraint'),
  'A dealer address is required to turn LeadGen routing on.',
  'the address rule has a readable description');

select * from finish();
rollback;
