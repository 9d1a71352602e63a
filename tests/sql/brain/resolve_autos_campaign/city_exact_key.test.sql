-- With a city, the campaign is the one whose key is exactly autos_outbound_<city>.
begin;
select plan(8);

select tests.create_account() as a \gset
select tests.create_campaign(:'a', 'autos_outbound_miami', false) as miami \gset
select tests.create_campaign(:'a', 'autos_outbound_fort_lauderdale', false) as fll \gset
select tests.create_campaign(:'a', 'autos_outbound_tampa', true) as tampa \gset
select tests.create_campaign(:'a', 'autos_outbound_miami_beach', false) as miami_beach \gset

-- TEST: the exact key matches, even though other autos_outbound_ campaigns exist.
select results_eq(
  format($$select resolution, campaign_id, campaign_key, candidates from brain.resolve_autos_campaign(%L, 'miami')$$, :'a'),
  format($$values ('ok'::text, %L::uuid, 'autos_outbound_miami'::text, array['autos_outbound_miami']::text[])$$, :'miami'),
  'miami resolves to autos_outbound_miami alone (not miami_beach, not the others)');

-- TEST: the city is lower-cased and trimmed.
select results_eq(
  format($$select resolution, campaign_id from brain.resolve_autos_campaign(%L, ' Miami ')$$, :'a'),
  format($$values ('ok'::text, %L::uuid)$$, :'miami'),
  $$' Miami ' resolves to autos_outbound_miami$$);
select results_eq(
  format($$select resolution, campaign_id from brain.resolve_autos_campaign(%L, 'MIAMI')$$, :'a'),
  format($$values ('ok'::text, %L::uuid)$$, :'miami'),
  $$'MIAMI' resolves to autos_outbound_miami$$);
-- TEST: spaces inside the city become underscores.
select results_eq(
  format($$select resolution, campaign_id, campaign_key from brain.resolve_autos_campaign(%L, 'Fort Lauderdale')$$, :'a'),
  format($$values ('ok'::text, %L::uuid, 'autos_outbound_fort_lauderdale'::text)$$, :'fll'),
  $$'Fort Lauderdale' resolves to autos_outbound_fort_lauderdale$$);
select results_eq(
  format($$select resolution, campaign_id from brain.resolve_autos_campaign(%L, ' fort lauderdale ')$$, :'a'),
  format($$values ('ok'::text, %L::uuid)$$, :'fll'),
  $$' fort lauderdale ' resolves to autos_outbound_fort_lauderdale$$);
select results_eq(
  format($$select resolution, campaign_id from brain.resolve_autos_campaign(%L, 'Fort  Lauderdale')$$, :'a'),
  format($$values ('ok'::text, %L::uuid)$$, :'fll'),
  'a run of spaces inside the city becomes one underscore');

-- TEST: a city with no campaign of its own is needs_setup, however many other autos campaigns exist.
select results_eq(
  format($$select resolution, campaign_id, campaign_key, candidates from brain.resolve_autos_campaign(%L, 'Orlando')$$, :'a'),
  $$values ('needs_setup'::text, null::uuid, null::text, '{}'::text[])$$,
  'Orlando has no autos_outbound_orlando: needs_setup, no campaign');

-- TEST: a city is a whole key suffix, not a prefix of one.
select results_eq(
  format($$select resolution, campaign_id from brain.resolve_autos_campaign(%L, 'Miami Beach')$$, :'a'),
  format($$values ('ok'::text, %L::uuid)$$, :'miami_beach'),
  $$'Miami Beach' resolves to autos_outbound_miami_beach only$$);

select * from finish();
rollback;
