-- Positive replies, English and Spanish, in any case and with punctuation around them.
begin;
select plan(2);

-- TEST: English positives.
select is(
  (select array_agg(brain.classify_reply(t) order by t) from unnest(array[
    'Yes', 'yeah sure', 'OK', 'Okay!', 'I am interested', 'Call me tomorrow', 'give me a call', 'Sounds good.',
    'let''s talk', 'How much?', 'Is it still available?', 'I still have it']) t),
  array_fill('positive'::text, array[12]),
  'yes, sure, ok, interested, call me, sounds good, let''s talk, how much, available, still have it: positive');

-- TEST: Spanish positives, with and without accents.
select is(
  (select array_agg(brain.classify_reply(t) order by t) from unnest(array[
    'Sí', 'si claro', 'Me interesa', 'estoy interesada', 'Llámame', 'llamame mañana', 'llámenme', '¿Cuánto?',
    'cuanto cuesta', 'Dale', 'de acuerdo', 'Perfecto', 'todavía lo tengo']) t),
  array_fill('positive'::text, array[13]),
  'sí, claro, me interesa, interesada, llámame, cuánto, dale, de acuerdo, perfecto, todavía lo tengo: positive');

select * from finish();
rollback;
