-- The Analytics page's one read: the window, the pending count and every table it shows.
begin;
select plan(8);

select tests.analytics_fixture() as f \gset
select (:'f'::jsonb ->> 'account_id') as a \gset
select brain.refresh_analytics();
select tests.act_as('revenue_api', :'a');
select public.analytics_page(:'a', '30d', null, null, '2026-12-10 18:00+00') as page \gset

-- TEST: the parts and the tables, in order.
select results_eq(
  format($$select array_agg(k order by n) from json_object_keys(%L::json) with ordinality as t (k, n)$$, :'page'),
  $$values (array['window', 'pending_leads', 'tables'])$$, 'window, pending_leads, tables');
select results_eq(
  format($$select array_agg(k order by n) from json_object_keys(%L::json -> 'tables') with ordinality as t (k, n)$$, :'page'),
  $$values (array['funnel', 'daily', 'funnel_campaigns', 'funnel_sequences', 'rates_channels', 'rates_steps',
                  'reactivation', 'reactivation_totals', 'attribution_sources', 'attribution'])$$, 'the tables');
select is((:'page'::json -> 'window' ->> 'from_day'), '2026-11-11', 'the window''s first day');
select is(json_array_length(:'page'::json -> 'tables' -> 'daily'), 30, 'daily: every day of the window, with zeros');
select is((:'page'::json ->> 'pending_leads')::int, 0, 'nothing waiting after the refresh');

-- TEST: funnel per campaign with rates of the contacted, most contacted first.
select results_eq(
  format($$select r ->> 'campaign', (r ->> 'contacted')::int, (r ->> 'booked')::int, (r ->> 'reply_rate')::numeric, (r ->> 'booking_rate')::numeric
           from json_array_elements(%L::json -> 'tables' -> 'funnel_campaigns') r$$, :'page'),
  $$values ('Spring push', 6, 1, 0.3333, 0.1667), ('Trucks', 2, 1, 1.0000, 0.5000)$$, 'funnel_campaigns');

-- TEST: the attribution list is limited, newest first.
select results_eq(
  format($$select r ->> 'lead' from json_array_elements(public.analytics_page(%L, '30d', null, null, '2026-12-10 18:00+00', 2) -> 'tables' -> 'attribution') r$$, :'a'),
  $$values ('Ana One'), ('Jo')$$, 'the two newest bookings');

-- TEST: a bad window is the window's error.
select throws_ok(format($$select public.analytics_page(%L, 'custom', '2026-12-10', '2026-12-01')$$, :'a'),
  '22023', 'invalid_analytics_window', 'a reversed custom range');

select * from finish();
rollback;
