-- The analytics windows: the last 7, 30 or 90 local days (today included) in the account's
-- time zone, a custom range with its end date included, and stable errors for bad input.
begin;
select plan(16);

select tests.create_account('Windows') as a \gset
update public.org_settings set timezone = 'America/Chicago' where account_id = :'a';

-- TEST: 30d at noon in Chicago on Dec 10: Nov 11 to Dec 10, local midnights.
select results_eq(
  format($$select from_day, to_day, from_at, to_at, time_zone, days
           from public.analytics_window(%L, '30d', null, null, '2026-12-10 18:00+00')$$, :'a'),
  $$values ('2026-11-11'::date, '2026-12-10'::date, '2026-11-11 06:00+00'::timestamptz, '2026-12-11 06:00+00'::timestamptz,
            'America/Chicago'::text, 30)$$,
  '30d: the 30 local days up to today, from local midnight to the next local midnight');
select results_eq(
  format($$select from_day, to_day, days from public.analytics_window(%L, '7d', null, null, '2026-12-10 18:00+00')$$, :'a'),
  $$values ('2026-12-04'::date, '2026-12-10'::date, 7)$$, '7d: Dec 4 to Dec 10');
select results_eq(
  format($$select from_day, to_day, days from public.analytics_window(%L, '90d', null, null, '2026-12-10 18:00+00')$$, :'a'),
  $$values ('2026-09-12'::date, '2026-12-10'::date, 90)$$, '90d: Sep 12 to Dec 10');

-- TEST: "today" is the account's day, not UTC's: 03:00 UTC on Dec 11 is still Dec 10 in Chicago.
select is((select to_day from public.analytics_window(:'a', '7d', null, null, '2026-12-11 03:00+00')),
  '2026-12-10'::date, 'at 21:00 in Chicago the window still ends on Dec 10');
select is((select to_day from public.analytics_window(:'a', '7d', null, null, '2026-12-11 06:00+00')),
  '2026-12-11'::date, 'from local midnight it ends on Dec 11');

-- TEST: custom: both dates included, the end through the next local midnight.
select results_eq(
  format($$select from_day, to_day, from_at, to_at, days from public.analytics_window(%L, 'custom', '2026-11-01', '2026-11-30')$$, :'a'),
  $$values ('2026-11-01'::date, '2026-11-30'::date, '2026-11-01 05:00+00'::timestamptz, '2026-12-01 06:00+00'::timestamptz, 30)$$,
  'custom Nov 1 - Nov 30: CDT midnight to CST midnight after Nov 30 (the clocks changed on Nov 1)');
select is((select days from public.analytics_window(:'a', 'custom', '2026-12-10', '2026-12-10')), 1, 'a one-day custom range');
select is((select days from public.analytics_window(:'a', 'custom', '2025-12-10', '2026-12-10')), 366, '366 days is allowed');

-- TEST: bad input: 22023 invalid_analytics_window with a sentence.
select throws_ok(format($$select * from public.analytics_window(%L, 'week')$$, :'a'), '22023', 'invalid_analytics_window',
  'an unknown window');
select throws_ok(format($$select * from public.analytics_window(%L, null)$$, :'a'), '22023', 'invalid_analytics_window',
  'no window');
select throws_ok(format($$select * from public.analytics_window(%L, 'custom', '2026-12-01', null)$$, :'a'), '22023',
  'invalid_analytics_window', 'custom without an end date');
select throws_ok(format($$select * from public.analytics_window(%L, 'custom', '2026-12-02', '2026-12-01')$$, :'a'), '22023',
  'invalid_analytics_window', 'custom starting after its end');
select throws_ok(format($$select * from public.analytics_window(%L, 'custom', '2025-12-09', '2026-12-10')$$, :'a'), '22023',
  'invalid_analytics_window', 'custom longer than 366 days');

-- TEST: the error says what to do.
create function pg_temp.window_detail(p_account uuid, p_window text, p_from date, p_to date) returns text language plpgsql as $$
declare v_detail text;
begin
  perform * from public.analytics_window(p_account, p_window, p_from, p_to);
  return null;
exception when sqlstate '22023' then
  get stacked diagnostics v_detail = pg_exception_detail;
  return v_detail;
end $$;
select is(pg_temp.window_detail(:'a', 'week', null, null), 'the window is 7d, 30d, 90d or custom, not ''week''', 'unknown window: the detail names the choices');
select is(pg_temp.window_detail(:'a', 'custom', '2026-12-02', '2026-12-01'), 'the start date 2026-12-02 is after the end date 2026-12-01',
  'reversed range: the detail names both dates');

-- TEST: another account's window is not found from the API role.
select tests.create_account('Other') as b \gset
select tests.act_as('revenue_api', :'b');
select throws_ok(format($$select * from public.analytics_window(%L, '30d')$$, :'a'), 'P0002', 'account_not_found',
  'the API role of another account cannot read this account''s time zone');

select * from finish();
rollback;
