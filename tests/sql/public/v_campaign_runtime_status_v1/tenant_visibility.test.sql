-- The API and analyst of account A see only A's campaigns in the runtime view.
begin;
select plan(6);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_lead(:'a', '+13055550100') as lead_a \gset
select tests.create_lead(:'b', '+13055550101') as lead_b \gset
select tests.create_campaign(:'a', 'autos_outbound_miami') as camp_a \gset
select tests.create_campaign(:'b', 'autos_outbound_miami') as camp_b \gset
select tests.create_touch(:'a', :'lead_a', :'camp_a', 1, 'sms', 1, now() - interval '1 hour');
select tests.create_touch(:'b', :'lead_b', :'camp_b', 1, 'sms', 1, now() - interval '1 hour');

-- TEST: the API of A sees its own campaign, with its counts, and not B's.
select tests.act_as('revenue_api', :'a');
select results_eq(
  'select campaign_id, touch_runs_24h from public.v_campaign_runtime_status_v1',
  format('values (%L::uuid, 1::bigint)', :'camp_a'),
  'revenue_api of A sees exactly A''s campaign');
select is_empty(
  format('select 1 from public.v_campaign_runtime_status_v1 where campaign_id = %L', :'camp_b'),
  'revenue_api of A does not find B''s campaign by id');
reset role;

-- TEST: the analyst of A likewise.
select tests.act_as('revenue_analyst', :'a');
select results_eq(
  'select campaign_id, touch_runs_24h from public.v_campaign_runtime_status_v1',
  format('values (%L::uuid, 1::bigint)', :'camp_a'),
  'revenue_analyst of A sees exactly A''s campaign');
select is_empty(
  format('select 1 from public.v_campaign_runtime_status_v1 where account_id = %L', :'b'),
  'revenue_analyst of A sees no row of B');
reset role;

-- TEST: without app.account_id the analyst sees nothing.
select tests.act_as('revenue_analyst', null);
select is_empty('select 1 from public.v_campaign_runtime_status_v1', 'no account set: no rows');
reset role;

-- TEST: the owner sees both (the filter is the tenant's, not the view's).
select is((select count(*)::int from public.v_campaign_runtime_status_v1), 2, 'both campaigns exist');

select * from finish();
rollback;
