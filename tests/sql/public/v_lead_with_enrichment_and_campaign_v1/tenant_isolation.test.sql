-- revenue_api sees only its account's leads and campaigns.
begin;
select plan(2);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_campaign(:'a', 'same_key') as c_a \gset
select tests.create_campaign(:'b', 'same_key') as c_b \gset
select tests.create_lead(:'a', '+13055550101') as l_a \gset
select tests.create_lead(:'b', '+13055550101') as l_b \gset
select tests.enroll(:'a', :'c_a', :'l_a', :'now');
select tests.enroll(:'b', :'c_b', :'l_b', :'now');

-- TEST: isolation.
select tests.act_as('revenue_api', :'b');
select results_eq($$select lead_id, campaign_id from public.v_lead_with_enrichment_and_campaign_v1$$,
  format($$values (%L::uuid, %L::uuid)$$, :'l_b', :'c_b'), 'revenue_api of b: b''s lead and campaign only');
reset role;
select tests.act_as('revenue_api', null);
select is_empty($$select * from public.v_lead_with_enrichment_and_campaign_v1$$, 'without app.account_id: nothing');
reset role;

select * from finish();
rollback;
