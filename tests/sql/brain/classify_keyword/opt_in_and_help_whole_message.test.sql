-- START/YES and HELP count only when they are the whole message: "yes please" is an
-- answer, "help me" a question.
begin;
select plan(3);

-- TEST: opt-in and help words inside a sentence are none.
select is(brain.classify_keyword('yes please'), 'none', $$'yes please' is none$$);
select is(brain.classify_keyword('help me'), 'none', $$'help me' is none$$);
select is(brain.classify_keyword('can we start the paperwork?'), 'none', $$'can we start the paperwork?' is none$$);

select * from finish();
rollback;
