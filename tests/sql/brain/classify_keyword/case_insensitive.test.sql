-- Keywords are recognised whatever their case.
begin;
select plan(8);

-- TEST: lower, title and mixed case are the same keyword.
select is(brain.classify_keyword('stop'), 'opt_out', 'stop is opt_out');
select is(brain.classify_keyword('Stop'), 'opt_out', 'Stop is opt_out');
select is(brain.classify_keyword('sToP'), 'opt_out', 'sToP is opt_out');
select is(brain.classify_keyword('Unsubscribe'), 'opt_out', 'Unsubscribe is opt_out');
select is(brain.classify_keyword('quit'), 'opt_out', 'quit is opt_out');
select is(brain.classify_keyword('start'), 'opt_in', 'start is opt_in');
select is(brain.classify_keyword('Yes'), 'opt_in', 'Yes is opt_in');
select is(brain.classify_keyword('help'), 'help', 'help is help');

select * from finish();
rollback;
