-- The help keywords on their own are help.
begin;
select plan(2);

-- TEST: HELP and INFO are help.
select is(brain.classify_keyword('HELP'), 'help', 'HELP is help');
select is(brain.classify_keyword('INFO'), 'help', 'INFO is help');

select * from finish();
rollback;
