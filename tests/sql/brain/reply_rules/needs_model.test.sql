-- Anything the rules cannot tell is for the model: no row.
begin;
select plan(4);

-- TEST: ordinary replies.
select is_empty($$select 1 from brain.reply_rules('What is the price of the 2022 Civic?')$$, 'a question: no row');
select is_empty($$select 1 from brain.reply_rules('¿Cuánto cuesta el Civic 2022?')$$, 'a Spanish question: no row');
select is_empty($$select 1 from brain.reply_rules('Can we meet Thursday at 3pm?', 'Re: test drive')$$, 'a meeting request: no row');
select is_empty($$select 1 from brain.reply_rules('sounds good', null, 'none', null, null, null)$$, 'consent kind none: no row');

select * from finish();
rollback;
