-- An unknown reason is refused; an email suppression needs an address.
begin;
select plan(3);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset

select tests.act_as('revenue_worker', null);
select throws_ok(format($$select public.suppress_lead_channel(%L, %L, null, 'email', 'spam', 'tests')$$, :'a', :'l'),
  '22023', 'invalid_argument', 'reason spam is refused');
select is(public.suppress_lead_channel(:'a', :'l', null, 'email', 'bounce', 'tests'), '{"outcome": "no_address"}'::jsonb,
  'a lead without email: no_address');
reset role;

-- TEST: nothing written.
select is((select count(*)::int from public.suppressions), 0, 'no suppression');

select * from finish();
rollback;
