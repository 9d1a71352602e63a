-- A word that merely contains a keyword is not that keyword.
begin;
select plan(8);

-- TEST: words built around a keyword are none.
select is(brain.classify_keyword('stopping'), 'none', 'stopping is none');
select is(brain.classify_keyword('unstoppable'), 'none', 'unstoppable is none');
select is(brain.classify_keyword('nonstop'), 'none', 'nonstop is none');
select is(brain.classify_keyword('STOPS'), 'none', 'STOPS is none');
select is(brain.classify_keyword('cancelled'), 'none', 'cancelled is none');
select is(brain.classify_keyword('restart'), 'none', 'restart is none');
select is(brain.classify_keyword('helpful'), 'none', 'helpful is none');
select is(brain.classify_keyword('yesterday'), 'none', 'yesterday is none');

select * from finish();
rollback;
