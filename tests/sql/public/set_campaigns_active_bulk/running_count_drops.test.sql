-- Seed 001: "Bulk pause impact (running count should drop)".
begin;
select plan(3);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_campaign(:'a', 'autos_outbound_miami', true);
select tests.create_campaign(:'a', 'newsletter', true);
select tests.create_campaign(:'a', 'winback', false);
select tests.create_campaign(:'b', 'autos_outbound_miami', true);

-- Seed 001's query, verbatim.
select count(*) as running_before
from public.campaigns
where is_active = true \gset

select * from public.set_campaigns_active_bulk(:'a', false, 'ops');

select count(*) as running_after
from public.campaigns
where is_active = true \gset

-- TEST: the seed's running count drops by the number of A's running campaigns, and no further.
select is(:'running_before'::int, 3, 'three campaigns were running before (two of A, one of B)');
select cmp_ok(:'running_after'::int, '<', :'running_before'::int, 'seed 001: the running count dropped');
select is(:'running_after'::int, 1, 'only B''s campaign is still running');

select * from finish();
rollback;
