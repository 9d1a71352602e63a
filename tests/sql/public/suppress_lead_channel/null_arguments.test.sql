-- Every required argument left null is refused with SQLSTATE 22023 before
-- anything is written: account, channel, reason and source. (Neither a lead nor
-- an address is no_address, tested in refused.test.sql.)
begin;
select plan(5);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset

select tests.act_as('revenue_worker', null);
-- TEST: refused.
select throws_ok(format($$select public.suppress_lead_channel(null, %L, 'ana@example.com', 'email', 'bounce', 'tests')$$, :'l'),
  '22023', null, 'a null account is refused with 22023');
select throws_ok(format($$select public.suppress_lead_channel(%L, %L, 'ana@example.com', null, 'bounce', 'tests')$$, :'a', :'l'),
  '22023', null, 'a null channel is refused with 22023');
select throws_ok(format($$select public.suppress_lead_channel(%L, %L, 'ana@example.com', 'email', null, 'tests')$$, :'a', :'l'),
  '22023', null, 'a null reason is refused with 22023');
select throws_ok(format($$select public.suppress_lead_channel(%L, %L, 'ana@example.com', 'email', 'bounce', null)$$, :'a', :'l'),
  '22023', null, 'a null source is refused with 22023');
reset role;

-- TEST: nothing written.
select is((select count(*)::int from public.suppressions) + (select count(*)::int from public.core_memory_events), 0,
  'no suppression, no event');

select * from finish();
rollback;
