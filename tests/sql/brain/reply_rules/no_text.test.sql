-- Rule 6: a reply with no text (a picture, an empty email) is Neutral; a subject is text.
begin;
select plan(5);

-- TEST: nothing to read.
select results_eq($$select tag, reason from brain.reply_rules('')$$,
  $$values ('Neutral'::text, 'no text'::text)$$, 'an empty body → Neutral (no text)');
select results_eq($$select tag from brain.reply_rules(null)$$, $$values ('Neutral'::text)$$, 'a null body (an MMS picture) → Neutral');
select results_eq($$select tag from brain.reply_rules(E'  \n\t ')$$, $$values ('Neutral'::text)$$, 'whitespace only → Neutral');
select results_eq($$select tag from brain.reply_rules('👍 !!', '')$$, $$values ('Neutral'::text)$$, 'an emoji and punctuation → Neutral');

-- TEST: a subject is something to read.
select is_empty($$select 1 from brain.reply_rules(null, 'Question about the F-150')$$,
  'an email with a subject and no body: no row (the model reads it)');

select * from finish();
rollback;
