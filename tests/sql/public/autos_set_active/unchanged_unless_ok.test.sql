-- autos.activate / autos.deactivate change nothing (campaigns, routing, account_events) unless
-- exactly one campaign resolves.
begin;
select plan(12);

-- Routing fully configured but off: an ok activation would turn it on.
select tests.create_account('No autos campaign') as a0 \gset
update public.org_settings
set leadgen_routing = '{"dealer_address":"1 Main St, Miami","radius_miles":25,"active":false}'
where account_id = :'a0';
select tests.create_campaign(:'a0', 'newsletter', false) as a0_news \gset

-- TEST: needs_setup on activate: result says so, nothing changes.
select results_eq(
  format($$select resolution, campaign_id, campaign_key, candidates, campaign_is_active, routing_active, routing_note
           from public.autos_set_active(%L, 'Miami', true, 'ops')$$, :'a0'),
  $$values ('needs_setup'::text, null::uuid, null::text, '{}'::text[], null::boolean, false, 'unchanged'::text)$$,
  'no autos_outbound_miami: needs_setup, unchanged');
select results_eq(
  format($$select resolution, routing_note from public.autos_set_active(%L, null, true, 'ops')$$, :'a0'),
  $$values ('needs_setup'::text, 'unchanged'::text)$$,
  'no autos campaign at all, no city: needs_setup, unchanged');
select is(
  (select leadgen_routing ->> 'active' from public.org_settings where account_id = :'a0'),
  'false',
  'needs_setup: routing stays off although it is configured');
select is(
  (select is_active from public.campaigns where id = :'a0_news'),
  false,
  'needs_setup: no other campaign is switched on instead');
select is_empty(
  format('select 1 from public.account_events where account_id = %L', :'a0'),
  'needs_setup: no account event');

-- Two autos campaigns, no city: needs_confirmation.
select tests.create_account('Two autos campaigns') as a2 \gset
update public.org_settings
set leadgen_routing = '{"dealer_address":"9 Bay Rd","radius_miles":10,"active":false}'
where account_id = :'a2';
select tests.create_campaign(:'a2', 'autos_outbound_miami', false) as a2_miami \gset
select tests.create_campaign(:'a2', 'autos_outbound_tampa', false) as a2_tampa \gset

-- TEST: needs_confirmation on activate: result lists both, nothing changes.
select results_eq(
  format($$select resolution, campaign_id, candidates, campaign_is_active, routing_active, routing_note
           from public.autos_set_active(%L, null, true, 'ops')$$, :'a2'),
  $$values ('needs_confirmation'::text, null::uuid, array['autos_outbound_miami', 'autos_outbound_tampa']::text[],
            null::boolean, false, 'unchanged'::text)$$,
  'two candidates: needs_confirmation, unchanged');
select is(
  (select count(*)::int from public.campaigns where account_id = :'a2' and is_active),
  0,
  'needs_confirmation: neither campaign is activated');
select is(
  (select leadgen_routing ->> 'active' from public.org_settings where account_id = :'a2'),
  'false',
  'needs_confirmation: routing stays off');
select is_empty(
  format('select 1 from public.account_events where account_id = %L', :'a2'),
  'needs_confirmation: no account event');

-- TEST: the same holds for deactivate: running campaigns and routing stay on.
update public.campaigns set is_active = true where account_id = :'a2';
update public.org_settings set leadgen_routing = leadgen_routing || '{"active":true}' where account_id = :'a2';
select results_eq(
  format($$select resolution, routing_active, routing_note from public.autos_set_active(%L, '', false, 'ops')$$, :'a2'),
  $$values ('needs_confirmation'::text, true, 'unchanged'::text)$$,
  'deactivate with two candidates: needs_confirmation, unchanged, routing reported on');
select results_eq(
  format($$select (select count(*)::int from public.campaigns where account_id = %L and is_active),
                  (select (leadgen_routing ->> 'active')::boolean from public.org_settings where account_id = %L),
                  (select count(*)::int from public.account_events where account_id = %L)$$, :'a2', :'a2', :'a2'),
  $$values (2, true, 0)$$,
  'after the refused deactivate: both campaigns still running, routing on, no event');
select results_eq(
  format($$select resolution, routing_note from public.autos_set_active(%L, 'Orlando', false, 'ops')$$, :'a2'),
  $$values ('needs_setup'::text, 'unchanged'::text)$$,
  'deactivate for a city without a campaign: needs_setup, unchanged');

select * from finish();
rollback;
