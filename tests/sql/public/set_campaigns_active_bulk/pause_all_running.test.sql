-- "Pause all running": every running campaign of the account is paused, and only those are returned.
begin;
select plan(5);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_campaign(:'a', 'autos_outbound_miami', true) as a1 \gset
select tests.create_campaign(:'a', 'autos_outbound_tampa', true) as a2 \gset
select tests.create_campaign(:'a', 'newsletter', true) as a3 \gset
select tests.create_campaign(:'a', 'winback', false) as a_paused \gset
select tests.create_campaign(:'b', 'autos_outbound_miami', true) as b1 \gset
select tests.create_campaign(:'b', 'newsletter', true) as b2 \gset

create temp table returned on commit drop as
  select * from public.set_campaigns_active_bulk(:'a', false, 'ops@example.com');

-- TEST: the result is exactly the campaigns that were running, re-read as paused.
select set_eq(
  'select id from returned',
  format('values (%L::uuid), (%L::uuid), (%L::uuid)', :'a1', :'a2', :'a3'),
  'returns the three running campaigns and not the one already paused');
select is_empty(
  $$select 1 from returned where is_active or status <> 'paused'$$,
  'every returned row is re-read: is_active false, status paused');
select results_eq(
  'select r.* from returned r order by r.id',
  format('select c.* from public.campaigns c where c.id in (%L, %L, %L) order by c.id', :'a1', :'a2', :'a3'),
  'the returned rows equal the stored rows');

-- TEST: the account has nothing running afterwards.
select is_empty(
  format('select 1 from public.campaigns where account_id = %L and is_active', :'a'),
  'no campaign of the account is running');

-- TEST: another account's running campaigns are left alone.
select results_eq(
  format('select id, is_active, status from public.campaigns where account_id = %L order by campaign_key', :'b'),
  format($$values (%L::uuid, true, 'active'::text), (%L::uuid, true, 'active'::text)$$, :'b1', :'b2'),
  'B''s campaigns are still running');

select * from finish();
rollback;
