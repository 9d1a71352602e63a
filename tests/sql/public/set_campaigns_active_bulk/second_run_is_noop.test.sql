-- Running "pause all running" again changes nothing, returns nothing and logs nothing.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.create_campaign(:'a', 'autos_outbound_miami', true) as a1 \gset
select tests.create_campaign(:'a', 'newsletter', true) as a2 \gset

-- TEST: the first run changes both campaigns.
select is(
  (select count(*)::int from public.set_campaigns_active_bulk(:'a', false, 'ops')),
  2,
  'the first run returns the two running campaigns');

-- TEST: the second run returns no rows and writes no event.
select is_empty(
  format($$select * from public.set_campaigns_active_bulk(%L, false, 'ops')$$, :'a'),
  'the second run returns nothing');
select is(
  (select count(*)::int from public.account_events where account_id = :'a'),
  2,
  'still two events after the second run');

-- TEST: an account with no campaigns at all returns nothing.
select is_empty(
  format($$select * from public.set_campaigns_active_bulk(%L, false, 'ops')$$, tests.create_account('Empty')),
  'an account without campaigns returns nothing');

select * from finish();
rollback;
