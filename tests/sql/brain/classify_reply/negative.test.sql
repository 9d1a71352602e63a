-- Negative replies, English and Spanish, and a bare no.
begin;
select plan(3);

-- TEST: English negatives.
select is(
  (select array_agg(brain.classify_reply(t) order by t) from unnest(array[
    'Not interested', 'no thanks', 'No thank you.', 'Don''t contact me', 'dont contact me again', 'leave me alone',
    'Wrong number', 'remove me from your list', 'Already sold', 'I sold it']) t),
  array_fill('negative'::text, array[10]),
  'not interested, no thanks, don''t contact, leave me alone, wrong number, remove me, already sold: negative');

-- TEST: Spanish negatives.
select is(
  (select array_agg(brain.classify_reply(t) order by t) from unnest(array[
    'No me interesa', 'no gracias', 'Número equivocado', 'numero equivocado', 'ya lo vendí', 'Ya lo vendi',
    'no estoy interesado', 'No estoy interesada']) t),
  array_fill('negative'::text, array[8]),
  'no me interesa, no gracias, número equivocado, ya lo vendí, no estoy interesado/a: negative');

-- TEST: a bare no.
select is(
  (select array_agg(brain.classify_reply(t) order by t) from unnest(array['no', 'No.', ' NOPE ', 'nah!']) t),
  array_fill('negative'::text, array[4]),
  'a message that is only no / nope / nah is negative');

select * from finish();
rollback;
