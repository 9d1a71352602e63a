-- Every required argument left null is refused with SQLSTATE 22023 and nothing
-- changes: the lead, the reason, the enrollment status.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now') as t \gset

select tests.act_as('revenue_worker', null);
-- TEST: refused.
select throws_ok(format($$select brain.halt_outreach(null, 'lead_replied', 'paused', %L)$$, :'now'),
  '22023', null, 'a null lead is refused with 22023');
select throws_ok(format($$select brain.halt_outreach(%L, null, 'paused', %L)$$, :'l', :'now'),
  '22023', null, 'a null reason is refused with 22023');
select throws_ok(format($$select brain.halt_outreach(%L, 'lead_replied', null, %L)$$, :'l', :'now'),
  '22023', null, 'a null enrollment status is refused with 22023');
reset role;

-- TEST: nothing changed.
select is((select status from public.touch_runs where id = :'t'), 'scheduled', 'the touch is untouched');

select * from finish();
rollback;
