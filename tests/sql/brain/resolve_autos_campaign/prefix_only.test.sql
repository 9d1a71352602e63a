-- Only keys that start with autos_outbound_ are candidates; containing it elsewhere, or a
-- look-alike where the underscores are other characters, does not count.
begin;
select plan(5);

select tests.create_account() as a \gset
select tests.create_campaign(:'a', 'x_autos_outbound_miami', true);
select tests.create_campaign(:'a', 'legacy_autos_outbound_tampa', true);
select tests.create_campaign(:'a', 'autos0outbound0miami', true);
select tests.create_campaign(:'a', 'autos_outboundmiami', true);
select tests.create_campaign(:'a', 'autos_outbound', true);

-- TEST: none of the look-alikes is a candidate without a city.
select results_eq(
  format('select resolution, candidates from brain.resolve_autos_campaign(%L)', :'a'),
  $$values ('needs_setup'::text, '{}'::text[])$$,
  'keys containing autos_outbound_ elsewhere (or look-alikes) give needs_setup');

-- TEST: nor with a city.
select results_eq(
  format($$select resolution, campaign_id from brain.resolve_autos_campaign(%L, 'miami')$$, :'a'),
  $$values ('needs_setup'::text, null::uuid)$$,
  'x_autos_outbound_miami is not the Miami campaign');
select results_eq(
  format($$select resolution, campaign_id from brain.resolve_autos_campaign(%L, 'tampa')$$, :'a'),
  $$values ('needs_setup'::text, null::uuid)$$,
  'legacy_autos_outbound_tampa is not the Tampa campaign');

-- TEST: a real autos_outbound_ campaign next to the look-alikes is the only candidate.
select tests.create_campaign(:'a', 'autos_outbound_miami', false) as miami \gset
select results_eq(
  format('select resolution, campaign_id, candidates from brain.resolve_autos_campaign(%L)', :'a'),
  format($$values ('ok'::text, %L::uuid, array['autos_outbound_miami']::text[])$$, :'miami'),
  'without a city the one real autos_outbound_ campaign is ok');
select results_eq(
  format($$select resolution, campaign_id from brain.resolve_autos_campaign(%L, 'Miami')$$, :'a'),
  format($$values ('ok'::text, %L::uuid)$$, :'miami'),
  'with the city, the real one is found');

select * from finish();
rollback;
