-- Only a message that is a single keyword counts: longer messages are none.
begin;
select plan(7);

-- TEST: a keyword inside a sentence is not a keyword message.
select is(brain.classify_keyword('stop calling'), 'none', $$'stop calling' is none$$);
select is(brain.classify_keyword('please stop'), 'none', $$'please stop' is none$$);
select is(brain.classify_keyword('stop calling me'), 'none', $$'stop calling me' is none$$);
select is(brain.classify_keyword('STOP ALL'), 'none', $$'STOP ALL' (two words) is none$$);
select is(brain.classify_keyword(E'STOP\nplease'), 'none', 'two words on two lines are none');
select is(brain.classify_keyword('yes please'), 'none', $$'yes please' is none$$);
select is(brain.classify_keyword('help me'), 'none', $$'help me' is none$$);

select * from finish();
rollback;
