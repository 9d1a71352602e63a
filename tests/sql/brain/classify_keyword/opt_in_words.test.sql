-- The opt-in keywords on their own are opt_in.
begin;
select plan(3);

-- TEST: START, YES, UNSTOP are opt_in.
select is(brain.classify_keyword('START'), 'opt_in', 'START is opt_in');
select is(brain.classify_keyword('YES'), 'opt_in', 'YES is opt_in');
select is(brain.classify_keyword('UNSTOP'), 'opt_in', 'UNSTOP is opt_in (not opt_out, although it contains STOP)');

select * from finish();
rollback;
