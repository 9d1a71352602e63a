-- The API of account A cannot switch account B's campaign: to A it does not exist.
begin;
select plan(6);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_campaign(:'a', 'autos_outbound_miami', true) as camp_a \gset
select tests.create_campaign(:'b', 'autos_outbound_miami', true) as camp_b \gset

select tests.act_as('revenue_api', :'a');

-- TEST: A's API can switch its own campaign.
select results_eq(
  format($$select id, is_active from public.set_campaign_active(%L, false, 'alpha-ops')$$, :'camp_a'),
  format($$values (%L::uuid, false)$$, :'camp_a'),
  'the API pauses its own account''s campaign');

-- TEST: B's campaign is not found for A's API.
select throws_ok(
  format($$select * from public.set_campaign_active(%L, false, 'alpha-ops')$$, :'camp_b'),
  'P0002', 'campaign_not_found',
  'pausing B''s campaign as A raises campaign_not_found');
select throws_ok(
  format($$select * from public.set_campaign_active(%L, true, 'alpha-ops')$$, :'camp_b'),
  'P0002', 'campaign_not_found',
  'activating B''s campaign as A raises campaign_not_found');

reset role;

-- TEST: B is unchanged and has no event; A has exactly its own.
select results_eq(
  format('select is_active, status from public.campaigns where id = %L', :'camp_b'),
  $$values (true, 'active'::text)$$,
  'B''s campaign is still active');
select is_empty(
  format('select 1 from public.account_events where account_id = %L', :'b'),
  'no account event was written for B');
select results_eq(
  format('select subject_id, actor from public.account_events where account_id = %L', :'a'),
  format($$values (%L::uuid, 'alpha-ops'::text)$$, :'camp_a'),
  'A''s own change is logged for A');

select * from finish();
rollback;
