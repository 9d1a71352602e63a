-- Anything else is neutral: questions, empty text, null, and words that only
-- contain a keyword ("yesterday", "nothing", "sino").
begin;
select plan(3);

-- TEST: neutral texts.
select is(
  (select array_agg(brain.classify_reply(t) order by t) from unnest(array[
    'Who is this?', 'What car?', 'I saw it yesterday', 'nothing to say', 'no sé', 'sino el otro', 'Nobody']) t),
  array_fill('neutral'::text, array[7]),
  'questions and words that merely contain yes/no/si: neutral');

-- TEST: empty and null.
select is(brain.classify_reply(''), 'neutral', 'empty text: neutral');
select is(brain.classify_reply(null), 'neutral', 'null: neutral');

select * from finish();
rollback;
