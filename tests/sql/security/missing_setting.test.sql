-- Without app.account_id the API and analyst roles see nothing and write nothing.
begin;
select plan(6);

select tests.create_account() as a \gset
select tests.create_lead(:'a') as lead \gset

select tests.act_as('revenue_api', null);
select is((select count(*)::int from public.leads), 0, 'API without an account sees no leads');
select is((select count(*)::int from public.accounts), 0, 'API without an account sees no accounts');
select throws_ok(
  format($$insert into public.leads (account_id) values (%L)$$, :'a'),
  '42501', 'new row violates row-level security policy for table "leads"',
  'API without an account cannot insert');
reset role;

select tests.act_as('revenue_analyst', null);
select is((select count(*)::int from public.leads), 0, 'analyst without an account sees no leads');
select is((select count(*)::int from public.org_settings), 0, 'analyst without an account sees no settings');
reset role;

select set_config('app.account_id', 'not-a-uuid', true);
set local role revenue_api;
select throws_ok('select count(*) from public.leads', '22P02', null, 'a malformed account id is an error, not a leak');

select * from finish();
rollback;
