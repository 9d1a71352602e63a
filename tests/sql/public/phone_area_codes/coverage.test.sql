-- phone_area_codes: every geographic NANP area code, each with the zone where most of its people live.
begin;
select plan(20);

-- TEST: coverage of the United States and Canada.
select cmp_ok(
  (select count(*)::int from public.phone_area_codes where country in ('US', 'CA')), '>=', 360,
  'at least 360 US and Canadian area codes are known');

-- TEST: a lead's zone follows its area code.
select is((select time_zone::text from public.phone_area_codes where area_code = '212'), 'America/New_York', '212 Manhattan is on Eastern time');
select is((select time_zone::text from public.phone_area_codes where area_code = '305'), 'America/New_York', '305 Miami is on Eastern time');
select is((select time_zone::text from public.phone_area_codes where area_code = '312'), 'America/Chicago', '312 Chicago is on Central time');
select is((select time_zone::text from public.phone_area_codes where area_code = '303'), 'America/Denver', '303 Denver is on Mountain time');
select is((select time_zone::text from public.phone_area_codes where area_code = '602'), 'America/Phoenix', '602 Phoenix keeps Arizona time, without daylight saving');
select is((select time_zone::text from public.phone_area_codes where area_code = '415'), 'America/Los_Angeles', '415 San Francisco is on Pacific time');
select is((select time_zone::text from public.phone_area_codes where area_code = '907'), 'America/Anchorage', '907 Alaska is on Alaska time');
select is((select time_zone::text from public.phone_area_codes where area_code = '808'), 'Pacific/Honolulu', '808 Hawaii is on Hawaii time');
select is((select time_zone::text from public.phone_area_codes where area_code = '416'), 'America/Toronto', '416 Toronto is on Eastern time');
select is((select time_zone::text from public.phone_area_codes where area_code = '604'), 'America/Vancouver', '604 Vancouver is on Pacific time');
select is((select time_zone::text from public.phone_area_codes where area_code = '787'), 'America/Puerto_Rico', '787 Puerto Rico is on Atlantic time');
select is((select time_zone::text from public.phone_area_codes where area_code = '809'), 'America/Santo_Domingo', '809 Dominican Republic has its own zone');

-- TEST: a code that spans zones takes the zone of most of its population.
select is((select time_zone::text from public.phone_area_codes where area_code = '850'), 'America/Chicago', '850 Florida panhandle: Pensacola and Panama City outnumber Tallahassee');
select is((select time_zone::text from public.phone_area_codes where area_code = '915'), 'America/Denver', '915 El Paso is on Mountain time, unlike the rest of Texas');

-- TEST: non-geographic codes say nothing about where a lead is.
select is_empty($$select 1 from public.phone_area_codes where area_code = '800'$$, 'toll-free 800 is absent');
select is_empty($$select 1 from public.phone_area_codes where area_code = '888'$$, 'toll-free 888 is absent');

-- TEST: US regions are the 50 states and DC.
select is_empty(
  $$select area_code || ' ' || coalesce(region, 'null') from public.phone_area_codes
    where country = 'US'
      and (region is null or region not in (select s from (values
        ('AL'), ('AK'), ('AZ'), ('AR'), ('CA'), ('CO'), ('CT'), ('DE'), ('DC'), ('FL'), ('GA'), ('HI'), ('ID'),
        ('IL'), ('IN'), ('IA'), ('KS'), ('KY'), ('LA'), ('ME'), ('MD'), ('MA'), ('MI'), ('MN'), ('MS'), ('MO'),
        ('MT'), ('NE'), ('NV'), ('NH'), ('NJ'), ('NM'), ('NY'), ('NC'), ('ND'), ('OH'), ('OK'), ('OR'), ('PA'),
        ('RI'), ('SC'), ('SD'), ('TN'), ('TX'), ('UT'), ('VT'), ('VA'), ('WA'), ('WV'), ('WI'), ('WY')) v(s)))$$,
  'every US area code names one of the 50 states or DC');

-- TEST: the table is reference data every role may read.
select tests.create_account() as a \gset
select tests.act_as('revenue_analyst', :'a');
select is((select time_zone::text from public.phone_area_codes where area_code = '212'), 'America/New_York',
  'the analyst role reads the table without an account filter');
reset role;
select tests.act_as('revenue_api', null);
select throws_ok(
  $$insert into public.phone_area_codes (area_code, country, time_zone) values ('299', 'US', 'America/New_York')$$,
  '42501', 'permission denied for table phone_area_codes',
  'the API role cannot change the table');
reset role;

select * from finish();
rollback;
