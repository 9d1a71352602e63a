-- The analytics views and tables under row-level security: an analyst login bound to one
-- account reads that account's numbers only; the API role reads its app.account_id's.
begin;
select plan(13);

select tests.analytics_fixture('Alpha Analytics') as fa \gset
select tests.analytics_fixture('Bravo Analytics') as fb \gset
select (:'fa'::jsonb ->> 'account_id') as a \gset
select (:'fb'::jsonb ->> 'account_id') as b \gset
select brain.refresh_analytics();

select 'tap_analyst_' || substr(md5(random()::text), 1, 10) as bound \gset
create role :"bound" login in role revenue_analyst;
insert into private.analyst_logins (login, account_id) values (:'bound', :'b');

-- TEST: Bravo's analyst reads Bravo's numbers, the same as the page, and none of Alpha's.
set local session authorization :"bound";
select is((select count(*)::int from public.v_funnel_daily_v1 where account_id = :'a'), 0, 'v_funnel_daily_v1: nothing of Alpha');
select is((select count(*)::int from public.v_touch_rates_daily_v1 where account_id = :'a'), 0, 'v_touch_rates_daily_v1: nothing of Alpha');
select is((select count(*)::int from public.v_reactivation_daily_v1 where account_id = :'a'), 0, 'v_reactivation_daily_v1: nothing of Alpha');
select is((select count(*)::int from public.v_booking_attribution_v1 where account_id = :'a'), 0, 'v_booking_attribution_v1: nothing of Alpha');
select is((select count(*)::int from public.analytics_daily where account_id = :'a')
        + (select count(*)::int from public.analytics_touch_facts where account_id = :'a')
        + (select count(*)::int from public.analytics_booking_facts where account_id = :'a')
        + (select count(*)::int from public.analytics_dirty_leads where account_id = :'a'), 0, 'the analytics tables: nothing of Alpha');
select results_eq('select distinct account_id from public.v_funnel_daily_v1', format('values (%L::uuid)', :'b'),
  'v_funnel_daily_v1 without a filter: Bravo''s rows only');
select is((select sum(contacted)::int from public.v_funnel_daily_v1
           where group_kind = 'all' and day between '2026-11-11' and '2026-12-10'), 9, 'Bravo''s 30-day funnel: 9 contacted');
select set_config('app.account_id', :'a', true);
select is((select count(*)::int from public.v_funnel_daily_v1 where account_id = :'a'), 0,
  'setting app.account_id to Alpha changes nothing');
select throws_ok(format($$select public.analytics_page(%L, '30d')$$, :'a'), 'P0002', 'account_not_found',
  'the page of Alpha is not found for Bravo''s analyst');
select is((public.analytics_page(:'b', '30d', null, null, '2026-12-10 18:00+00') -> 'tables' -> 'funnel' -> 0 ->> 'leads')::int, 9,
  'Bravo''s analyst reads Bravo''s page');
select throws_ok('select brain.refresh_analytics()', '42501', null, 'an analyst cannot run the refresh');
reset session authorization;

-- TEST: the API role of Alpha.
select tests.act_as('revenue_api', :'a');
select results_eq('select distinct account_id from public.v_booking_attribution_v1', format('values (%L::uuid)', :'a'),
  'the API role reads its own account''s attribution only');
select throws_ok(format($$delete from public.analytics_daily where account_id = %L$$, :'a'), '42501', null,
  'the API role cannot change the rollup');

select * from finish();
rollback;
