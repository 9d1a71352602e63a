-- A revocation word or phrase anywhere in a message is opt_out (FCC 24-24), not only
-- a message that is exactly one keyword.
begin;
select plan(7);

-- TEST: keywords inside a sentence revoke consent.
select is(brain.classify_keyword('stop calling'), 'opt_out', $$'stop calling' is opt_out$$);
select is(brain.classify_keyword('please stop'), 'opt_out', $$'please stop' is opt_out$$);
select is(brain.classify_keyword('stop calling me'), 'opt_out', $$'stop calling me' is opt_out$$);
select is(brain.classify_keyword('STOP ALL'), 'opt_out', $$'STOP ALL' is opt_out$$);
select is(brain.classify_keyword(E'STOP\nplease'), 'opt_out', 'two words on two lines, one of them STOP, are opt_out');

-- TEST: a wrong number is its own kind.
select is(brain.classify_keyword('Sorry, wrong number'), 'wrong_number', $$'Sorry, wrong number' is wrong_number$$);

-- TEST: the kind is classify_consent's.
select is(brain.classify_keyword('No me escribas más'), (select kind from brain.classify_consent('No me escribas más')),
  'classify_keyword returns the kind of classify_consent');

select * from finish();
rollback;
