-- autos.activate with configured routing: the city's campaign is switched on and routing goes on.
begin;
select plan(6);

select tests.create_account() as a \gset
update public.org_settings
set leadgen_routing = '{"dealer_address":"1 Main St, Miami","radius_miles":25,"city_fallback":"miami","active":false}'
where account_id = :'a';
select tests.create_campaign(:'a', 'autos_outbound_miami', false) as miami \gset
select tests.create_campaign(:'a', 'autos_outbound_tampa', false) as tampa \gset

create temp table returned on commit drop as
  select * from public.autos_set_active(:'a', ' Miami ', true, 'ops@example.com');

-- TEST: the result is the re-read state: ok, the campaign on, routing on.
select results_eq(
  'select resolution, campaign_id, campaign_key, candidates, campaign_is_active, routing_active, routing_note from returned',
  format($$values ('ok'::text, %L::uuid, 'autos_outbound_miami'::text, array['autos_outbound_miami']::text[],
                   true, true, 'routing_on'::text)$$, :'miami'),
  'activate Miami: ok, campaign active, routing_on');

-- TEST: the table agrees.
select results_eq(
  format('select is_active, status from public.campaigns where id = %L', :'miami'),
  $$values (true, 'active'::text)$$,
  'autos_outbound_miami is active');
select is(
  (select is_active from public.campaigns where id = :'tampa'),
  false,
  'another city''s campaign stays paused');
select is(
  (select leadgen_routing from public.org_settings where account_id = :'a'),
  '{"dealer_address":"1 Main St, Miami","radius_miles":25,"city_fallback":"miami","active":true}'::jsonb,
  'routing is active and the rest of its configuration is kept');

-- TEST: one campaign_activated event for the campaign.
select results_eq(
  format('select event_type, subject_id, actor from public.account_events where account_id = %L and subject_type = %L', :'a', 'campaign'),
  format($$values ('campaign_activated'::text, %L::uuid, 'ops@example.com'::text)$$, :'miami'),
  'one campaign_activated event naming the campaign and the actor');

-- TEST: activating again is a no-op for the campaign: no second event.
select count(*) as repeated from public.autos_set_active(:'a', 'miami', true, 'ops@example.com') \gset
select is(
  (select count(*)::int from public.account_events where account_id = :'a' and subject_type = 'campaign'),
  1,
  'a second activate of an active campaign logs no event');

select * from finish();
rollback;
