-- The API of account A can pause all of A's campaigns but none of B's.
begin;
select plan(4);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_campaign(:'a', 'autos_outbound_miami', true) as a1 \gset
select tests.create_campaign(:'b', 'autos_outbound_miami', true) as b1 \gset

select tests.act_as('revenue_api', :'a');

-- TEST: A's API pauses A's running campaigns.
select results_eq(
  format($$select id, is_active from public.set_campaigns_active_bulk(%L, false, 'alpha-ops')$$, :'a'),
  format('values (%L::uuid, false)', :'a1'),
  'the API pauses its own account''s running campaign');

-- TEST: naming B as A's API changes and returns nothing.
select is_empty(
  format($$select * from public.set_campaigns_active_bulk(%L, false, 'alpha-ops')$$, :'b'),
  'pausing all of B as A returns nothing');

reset role;
select results_eq(
  format('select is_active, status from public.campaigns where id = %L', :'b1'),
  $$values (true, 'active'::text)$$,
  'B''s campaign is still running');
select is_empty(
  format('select 1 from public.account_events where account_id = %L', :'b'),
  'no event is written for B');

select * from finish();
rollback;
