-- Seed 001: autos.activate queues a Craigslist discover for the city; autos.deactivate
-- stops the city's queued Craigslist tasks.
begin;
select plan(4);

select tests.create_account() as a \gset
update public.org_settings set leadgen_routing = '{"dealer_address": "1 Main St, Miami", "radius_miles": 20, "active": false}'
where account_id = :'a';
select tests.create_campaign(:'a', 'autos_outbound_miami', false);

select public.autos_set_active(:'a', 'Miami', true, 'ops');
select results_eq(
  format($$select task_type, city, status from lead_hunter.craigslist_tasks_v1 where account_id = %L$$, :'a'),
  $$values ('discover'::text, 'miami'::text, 'queued'::text)$$,
  'activate queued one discover task for miami');
select is(
  (select count(*)::int from public.account_events where account_id = :'a' and event_type = 'program_started'),
  1, 'and logged program_started');

select public.autos_set_active(:'a', 'Miami', false, 'ops');
select results_eq(
  format($$select status, last_error from lead_hunter.craigslist_tasks_v1 where account_id = %L$$, :'a'),
  $$values ('canceled'::text, 'program_stopped'::text)$$,
  'deactivate canceled the queued task');
select is(
  (select count(*)::int from public.account_events where account_id = :'a' and event_type = 'program_stopped'),
  1, 'and logged program_stopped');

select * from finish();
rollback;
