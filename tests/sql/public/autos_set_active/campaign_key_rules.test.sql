-- autos_set_active picks the campaign by campaign_key alone: autos_outbound_<city> exactly with
-- a city; the single autos_outbound_ campaign without one; never a key that merely contains it.
begin;
select plan(7);

select tests.create_account() as a \gset
select tests.create_campaign(:'a', 'x_autos_outbound_miami', false) as lookalike \gset
select tests.create_campaign(:'a', 'miami_autos_outbound_', false) as lookalike2 \gset

-- TEST: a key that only contains autos_outbound_miami is not the Miami campaign.
select results_eq(
  format($$select resolution, campaign_id, routing_note from public.autos_set_active(%L, 'Miami', true, 'ops')$$, :'a'),
  $$values ('needs_setup'::text, null::uuid, 'unchanged'::text)$$,
  'only x_autos_outbound_miami exists: needs_setup');
select results_eq(
  format($$select resolution, candidates from public.autos_set_active(%L, null, true, 'ops')$$, :'a'),
  $$values ('needs_setup'::text, '{}'::text[])$$,
  'without a city the look-alikes are no candidates either');
select is(
  (select count(*)::int from public.campaigns where account_id = :'a' and is_active),
  0,
  'the look-alike campaigns stay paused');

-- TEST: the city is normalised to find the exact key.
select tests.create_campaign(:'a', 'autos_outbound_fort_lauderdale', false) as fll \gset
select tests.create_campaign(:'a', 'autos_outbound_miami', false) as miami \gset
select results_eq(
  format($$select resolution, campaign_id, campaign_is_active from public.autos_set_active(%L, ' Fort Lauderdale ', true, 'ops')$$, :'a'),
  format($$values ('ok'::text, %L::uuid, true)$$, :'fll'),
  $$' Fort Lauderdale ' activates autos_outbound_fort_lauderdale$$);
select results_eq(
  format('select campaign_key from public.campaigns where account_id = %L and is_active', :'a'),
  $$values ('autos_outbound_fort_lauderdale'::text)$$,
  'only that campaign was switched on');

-- TEST: with two real autos campaigns and no city nothing changes; with the city it does.
select results_eq(
  format($$select resolution, routing_note from public.autos_set_active(%L, null, false, 'ops')$$, :'a'),
  $$values ('needs_confirmation'::text, 'unchanged'::text)$$,
  'no city, two autos_outbound_ campaigns: needs_confirmation');
select results_eq(
  format($$select resolution, campaign_id, campaign_is_active from public.autos_set_active(%L, 'MIAMI', true, 'ops')$$, :'a'),
  format($$values ('ok'::text, %L::uuid, true)$$, :'miami'),
  $$'MIAMI' activates autos_outbound_miami$$);

select * from finish();
rollback;
