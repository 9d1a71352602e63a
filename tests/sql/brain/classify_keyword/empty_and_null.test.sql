-- Empty, blank and null messages are none.
begin;
select plan(4);

-- TEST: nothing to classify is none, never null.
select is(brain.classify_keyword(''), 'none', 'the empty string is none');
select is(brain.classify_keyword(null), 'none', 'null is none');
select is(brain.classify_keyword('   '), 'none', 'only spaces is none');
select is(brain.classify_keyword(E'\n\t'), 'none', 'only a newline and a tab is none');

select * from finish();
rollback;
