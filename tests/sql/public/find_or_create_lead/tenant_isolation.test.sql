-- find_or_create_lead under row-level security: the API role of account A can only
-- match and create leads of A; other roles are refused or act across accounts.
begin;
select plan(10);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_lead(:'b', '+13055550100', 'ann@example.com') as lead_b \gset

-- TEST: the API of account A.
select tests.act_as('revenue_api', :'a');
select throws_ok(
  format($$select public.find_or_create_lead(%L, '{"source": "import", "email": "ann@example.com"}')$$, :'b'),
  '42501', 'account_mismatch', 'A cannot match a lead of B');
select throws_ok(
  format($$select public.find_or_create_lead(%L, '{"source": "import", "email": "new@example.com"}')$$, :'b'),
  '42501', 'account_mismatch', 'A cannot create a lead in B');
select results_eq(
  format($$select matched_by, created from public.find_or_create_lead(%L, '{"source": "import", "email": "ann@example.com", "phone": "+13055550100"}')$$, :'a'),
  $$values ('created', true)$$,
  'in its own account, B''s email and phone match nothing: A gets its own lead');
select is((select count(*)::int from public.leads), 1, 'A sees one lead: its own');
reset role;

select is((select count(*)::int from public.leads where account_id = :'b'), 1, 'B still has one lead');
select results_eq(
  format($$select first_name, alternate_emails::text[], (select count(*)::int from public.lead_events e where e.lead_id = l.id)
           from public.leads l where l.id = %L$$, :'lead_b'),
  $$values (null::text, '{}'::text[], 0)$$,
  'B''s lead is untouched and has no events');

-- TEST: the API without app.account_id sees no account at all.
select tests.act_as('revenue_api', null);
select throws_ok(
  format($$select public.find_or_create_lead(%L, '{"source": "import", "email": "ann@example.com"}')$$, :'a'),
  'P0002', 'account_not_found', 'the API role without app.account_id is refused');
reset role;

-- TEST: analysts may not call it; workers act across accounts.
select tests.act_as('revenue_analyst', :'b');
select throws_ok(
  format($$select public.find_or_create_lead(%L, '{"source": "import"}')$$, :'b'),
  '42501', 'permission denied for function find_or_create_lead', 'the analyst role cannot call it');
reset role;
select tests.act_as('revenue_worker', null);
select results_eq(
  format($$select lead_id, matched_by from public.find_or_create_lead(%L, '{"source": "import", "email": "ann@example.com"}')$$, :'b'),
  format($$values (%L::uuid, 'email')$$, :'lead_b'),
  'the worker matches in B');
select results_eq(
  format($$select matched_by from public.find_or_create_lead(%L, '{"source": "import", "email": "bob@example.com"}')$$, :'a'),
  $$values ('created')$$,
  'and creates in A');
reset role;

select * from finish();
rollback;
