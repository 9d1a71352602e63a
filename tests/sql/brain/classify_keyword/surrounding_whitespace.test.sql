-- Spaces, tabs and newlines around the keyword (and trailing punctuation) do not matter.
begin;
select plan(9);

-- TEST: surrounding spaces and newlines are ignored.
select is(brain.classify_keyword(' STOP '), 'opt_out', $$' STOP ' is opt_out$$);
select is(brain.classify_keyword('   stop'), 'opt_out', 'leading spaces are ignored');
select is(brain.classify_keyword(E'STOP\n'), 'opt_out', 'a trailing newline is ignored');
select is(brain.classify_keyword(E'\nStop\r\n'), 'opt_out', 'CR/LF around the word are ignored');
select is(brain.classify_keyword(E'\t start \t'), 'opt_in', 'tabs around the word are ignored');
select is(brain.classify_keyword(E'  HELP\n\n'), 'help', 'HELP with spaces and newlines is help');

-- TEST: trailing punctuation is ignored (the documented contract).
select is(brain.classify_keyword('STOP!'), 'opt_out', 'STOP! is opt_out');
select is(brain.classify_keyword('stop.'), 'opt_out', 'stop. is opt_out');
select is(brain.classify_keyword('help?'), 'help', 'help? is help');

select * from finish();
rollback;
