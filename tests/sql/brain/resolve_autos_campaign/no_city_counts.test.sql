-- Without a city: 0 autos_outbound_ campaigns → needs_setup, 1 → ok, 2 or more → needs_confirmation.
begin;
select plan(7);

select tests.create_account() as a \gset
select tests.create_campaign(:'a', 'newsletter', true);
select tests.create_campaign(:'a', 'winback', true);

-- TEST: no autos_outbound_ campaign: needs_setup, even with other campaigns present.
select results_eq(
  format('select resolution, campaign_id, campaign_key, candidates from brain.resolve_autos_campaign(%L)', :'a'),
  $$values ('needs_setup'::text, null::uuid, null::text, '{}'::text[])$$,
  '0 candidates: needs_setup');

-- TEST: exactly one: ok, with its id and key.
select tests.create_campaign(:'a', 'autos_outbound_tampa', false) as tampa \gset
select results_eq(
  format('select resolution, campaign_id, campaign_key, candidates from brain.resolve_autos_campaign(%L)', :'a'),
  format($$values ('ok'::text, %L::uuid, 'autos_outbound_tampa'::text, array['autos_outbound_tampa']::text[])$$, :'tampa'),
  '1 candidate: ok with that campaign');
select results_eq(
  format('select resolution, campaign_id from brain.resolve_autos_campaign(%L, null)', :'a'),
  format($$values ('ok'::text, %L::uuid)$$, :'tampa'),
  'an explicit null city behaves as no city');

-- TEST: two or more: needs_confirmation, no campaign chosen, every candidate listed.
select tests.create_campaign(:'a', 'autos_outbound_miami', true);
select results_eq(
  format('select resolution, campaign_id, campaign_key, candidates from brain.resolve_autos_campaign(%L)', :'a'),
  $$values ('needs_confirmation'::text, null::uuid, null::text, array['autos_outbound_miami', 'autos_outbound_tampa']::text[])$$,
  '2 candidates: needs_confirmation, listing both');
select tests.create_campaign(:'a', 'autos_outbound_orlando', true);
select results_eq(
  format('select resolution, campaign_id, cardinality(candidates) from brain.resolve_autos_campaign(%L)', :'a'),
  $$values ('needs_confirmation'::text, null::uuid, 3)$$,
  '3 candidates: needs_confirmation, listing all three');

-- TEST: exactly one row comes back, whatever the outcome.
select is(
  (select count(*)::int from brain.resolve_autos_campaign(:'a')),
  1,
  'one row for needs_confirmation');
select is(
  (select count(*)::int from brain.resolve_autos_campaign(tests.create_account('Empty'))),
  1,
  'one row for needs_setup');

select * from finish();
rollback;
