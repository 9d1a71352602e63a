-- revenue_api and revenue_analyst see only their account's leads.
begin;
select plan(3);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l_a \gset
select tests.create_lead(:'b', '+13055550101', 'ana@example.com') as l_b \gset

-- TEST: isolation.
select tests.act_as('revenue_api', :'b');
select results_eq($$select lead_id from public.lead_enriched$$, format($$values (%L::uuid)$$, :'l_b'), 'revenue_api of b: b''s lead only');
reset role;
select tests.act_as('revenue_analyst', :'a');
select results_eq($$select lead_id from public.lead_enriched$$, format($$values (%L::uuid)$$, :'l_a'), 'revenue_analyst of a: a''s lead only');
reset role;
select tests.act_as('revenue_api', null);
select is_empty($$select * from public.lead_enriched$$, 'without app.account_id: nothing');
reset role;

select * from finish();
rollback;
