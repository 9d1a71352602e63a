-- Another account's autos campaigns are never candidates.
begin;
select plan(3);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_campaign(:'b', 'autos_outbound_miami', true);
select tests.create_campaign(:'b', 'autos_outbound_tampa', true);

-- TEST: B's campaigns do not resolve for A.
select results_eq(
  format('select resolution, candidates from brain.resolve_autos_campaign(%L)', :'a'),
  $$values ('needs_setup'::text, '{}'::text[])$$,
  'A without autos campaigns: needs_setup although B has two');
select results_eq(
  format($$select resolution, campaign_id from brain.resolve_autos_campaign(%L, 'miami')$$, :'a'),
  $$values ('needs_setup'::text, null::uuid)$$,
  'A asking for Miami does not get B''s Miami campaign');

-- TEST: A's one campaign is ok, not confused with B's.
select tests.create_campaign(:'a', 'autos_outbound_miami', false) as a_miami \gset
select results_eq(
  format('select resolution, campaign_id from brain.resolve_autos_campaign(%L)', :'a'),
  format($$values ('ok'::text, %L::uuid)$$, :'a_miami'),
  'A''s single autos campaign resolves ok to A''s own id');

select * from finish();
rollback;
