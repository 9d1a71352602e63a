-- Seed 001: after toggles through set_campaign_active, the campaign mismatch queries return 0.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.create_campaign(:'a', 'autos_outbound_miami', true) as c1 \gset
select tests.create_campaign(:'a', 'autos_outbound_tampa', false) as c2 \gset
select tests.create_campaign(:'a', 'newsletter', true) as c3 \gset

select * from public.set_campaign_active(:'c1', false, 'ops');
select * from public.set_campaign_active(:'c2', true, 'ops');
select * from public.set_campaign_active(:'c3', false, 'ops');
select * from public.set_campaign_active(:'c3', true, 'ops');
select * from public.set_campaign_active(:'c3', true, 'ops');

-- TEST: the toggles took effect (so the checks below look at changed rows).
select results_eq(
  format('select campaign_key, is_active from public.campaigns where account_id = %L order by campaign_key', :'a'),
  $$values ('autos_outbound_miami'::text, false), ('autos_outbound_tampa'::text, true), ('newsletter'::text, true)$$,
  'each campaign ended in the last state asked for');

-- TEST: every campaign's status agrees with is_active.
select is(
  (select count(*)::int from public.campaigns
   where account_id = :'a' and status = case when is_active then 'active' else 'paused' end),
  3,
  'status is active/paused exactly as is_active says, for all three');

-- Seed 001's verification queries, verbatim.
select is(
  (select count(*) from public.campaigns
   where (is_active = true and status <> 'active')
      or (is_active = false and status = 'active')),
  0::bigint, 'seed 001: campaign mismatches should be 0');
select is_empty(
  $$select id, name, is_active, status
    from public.campaigns
    where is_active = true and status <> 'active'$$,
  'seed 001: campaign consistency returns 0 rows');

select * from finish();
rollback;
