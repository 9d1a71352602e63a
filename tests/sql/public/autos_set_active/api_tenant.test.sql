-- The API of account A cannot switch account B's autos campaign or routing.
begin;
select plan(4);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
update public.org_settings set leadgen_routing = '{"dealer_address":"1 Main St","radius_miles":25,"active":false}'
where account_id in (:'a', :'b');
select tests.create_campaign(:'a', 'autos_outbound_miami', false) as a_miami \gset
select tests.create_campaign(:'b', 'autos_outbound_miami', false) as b_miami \gset

select tests.act_as('revenue_api', :'a');

-- TEST: A's API activates its own Miami campaign.
select results_eq(
  format($$select resolution, campaign_id, routing_note from public.autos_set_active(%L, 'Miami', true, 'alpha-ops')$$, :'a'),
  format($$values ('ok'::text, %L::uuid, 'routing_on'::text)$$, :'a_miami'),
  'the API activates its own account''s Miami campaign');

-- TEST: naming B is refused: B's settings are not visible to A.
select throws_ok(
  format($$select * from public.autos_set_active(%L, 'Miami', true, 'alpha-ops')$$, :'b'),
  'P0002', 'account_not_found',
  'activating B''s Miami campaign as A raises account_not_found');

reset role;
select results_eq(
  format($$select (select is_active from public.campaigns where id = %L),
                  (select (leadgen_routing ->> 'active')::boolean from public.org_settings where account_id = %L)$$,
         :'b_miami', :'b'),
  $$values (false, false)$$,
  'B''s campaign and routing are unchanged');
select is_empty(
  format('select 1 from public.account_events where account_id = %L', :'b'),
  'no account event for B');

select * from finish();
rollback;
