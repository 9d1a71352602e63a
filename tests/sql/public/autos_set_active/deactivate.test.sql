-- autos.deactivate pauses the city's campaign and turns routing off.
begin;
select plan(6);

select tests.create_account() as a \gset
update public.org_settings
set leadgen_routing = '{"dealer_address":"1 Main St, Miami","radius_miles":25,"active":true}'
where account_id = :'a';
select tests.create_campaign(:'a', 'autos_outbound_fort_lauderdale', true) as fll \gset
select tests.create_campaign(:'a', 'autos_outbound_miami', true) as miami \gset

create temp table returned on commit drop as
  select * from public.autos_set_active(:'a', 'Fort Lauderdale', false, 'ops@example.com');

-- TEST: the result is the re-read state: ok, campaign paused, routing off.
select results_eq(
  'select resolution, campaign_id, campaign_key, campaign_is_active, routing_active, routing_note from returned',
  format($$values ('ok'::text, %L::uuid, 'autos_outbound_fort_lauderdale'::text, false, false, 'routing_off'::text)$$, :'fll'),
  'deactivate Fort Lauderdale: ok, campaign paused, routing_off');

-- TEST: the table agrees; only that campaign is paused.
select results_eq(
  format('select is_active, status from public.campaigns where id = %L', :'fll'),
  $$values (false, 'paused'::text)$$,
  'autos_outbound_fort_lauderdale is paused');
select is(
  (select is_active from public.campaigns where id = :'miami'),
  true,
  'the Miami campaign keeps running');
select is(
  (select leadgen_routing from public.org_settings where account_id = :'a'),
  '{"dealer_address":"1 Main St, Miami","radius_miles":25,"active":false}'::jsonb,
  'routing is off and its configuration is kept');

-- TEST: one campaign_paused event.
select results_eq(
  format('select event_type, subject_id, actor from public.account_events where account_id = %L and subject_type = %L', :'a', 'campaign'),
  format($$values ('campaign_paused'::text, %L::uuid, 'ops@example.com'::text)$$, :'fll'),
  'one campaign_paused event naming the campaign and the actor');

-- TEST: deactivate turns routing off even when it is not fully configured.
select tests.create_account('Half configured') as b \gset
update public.org_settings set leadgen_routing = '{"radius_miles":10,"active":false}' where account_id = :'b';
select tests.create_campaign(:'b', 'autos_outbound_tampa', true) as b_tampa \gset
select results_eq(
  format($$select campaign_is_active, routing_active, routing_note from public.autos_set_active(%L, null, false, 'ops')$$, :'b'),
  $$values (false, false, 'routing_off'::text)$$,
  'deactivate without a city, single campaign: paused and routing_off');

select * from finish();
rollback;
