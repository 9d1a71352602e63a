-- p_enrollment_status must be paused or stopped; nothing changes otherwise.
begin;
select plan(2);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now') as t \gset

-- TEST: refused.
select throws_ok(format($$select brain.halt_outreach(%L, 'x', 'completed', %L)$$, :'l', :'now'),
  '22023', 'invalid_argument', 'completed is refused with invalid_argument');
select is((select status from public.touch_runs where id = :'t'), 'scheduled', 'the touch is untouched');

select * from finish();
rollback;
