-- Rule 5: a short, plain negative is Not Interested; a negative that leaves a door
-- open (but, maybe, later, next month, pero, quizás, más adelante, …) or runs past
-- 15 words is for the model. The body decides, not an emailed reply's subject.
begin;
select plan(11);

-- TEST: plain, English and Spanish.
select results_eq($$select tag, reason from brain.reply_rules('Not interested.')$$,
  $$values ('Not Interested'::text, 'not interested, plainly'::text)$$,
  'not interested → Not Interested');
select results_eq($$select tag from brain.reply_rules('No thanks')$$,
  $$values ('Not Interested'::text)$$, 'no thanks → Not Interested');
select results_eq($$select tag from brain.reply_rules('No me interesa, gracias')$$,
  $$values ('Not Interested'::text)$$, 'no me interesa → Not Interested');

-- TEST: a door left open.
select is_empty($$select 1 from brain.reply_rules('not interested right now, maybe next month')$$,
  'not interested right now, maybe next month: no row');
select is_empty($$select 1 from brain.reply_rules('No me interesa ahora, quizás más adelante')$$,
  'no me interesa ahora, quizás más adelante: no row');
select is_empty($$select 1 from brain.reply_rules('Not interested but my brother might be')$$,
  'not interested but …: no row');

-- TEST: long negatives are for the model (the same reply, cut short, is plain).
select results_eq($$select tag from brain.reply_rules('Not interested, I bought a truck from another dealer')$$,
  $$values ('Not Interested'::text)$$, 'a negative of 9 words → Not Interested');
select is_empty($$select 1 from brain.reply_rules('Not interested, I bought a truck from another dealer across town last week and I am very happy with it')$$,
  'a negative of more than 15 words: no row');

-- TEST: an emailed reply's subject (mostly our own words) neither opens a door nor counts.
select results_eq($$select tag from brain.reply_rules('Not interested, thanks', 'Re: Still looking for a truck? Reply if you want a quote')$$,
  $$values ('Not Interested'::text)$$, '"if" in our subject: still Not Interested');
select results_eq($$select tag from brain.reply_rules('No thanks', 'Re: Quick question about the 2022 Honda Civic EX you looked at on our website last month')$$,
  $$values ('Not Interested'::text)$$, 'a long subject: still Not Interested');

-- TEST: a positive reply is not Not Interested.
select is_empty($$select 1 from brain.reply_rules('Yes, I am interested')$$, 'yes I am interested: no row');

select * from finish();
rollback;
