-- A reply is matched against the slots the lead was offered, in the zone they were
-- stated in: weekdays, times and ordinals, English and Spanish; several fits, a time
-- not offered or a negation never make a confident match.
begin;
select plan(14);

select tests.booking_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', p_timezone => 'America/New_York') as l \gset
select tests.local_at(2, '10:00') as s1, tests.local_at(3, '15:30') as s2, tests.local_at(5, '16:00') as other \gset
select tests.offer(:'a', :'l', array[:'s1', :'s2']::timestamptz[]);
select tests.day_en(:'s1') as d1, tests.day_en(:'s2') as d2, tests.day_es(:'s1') as e1, tests.day_es(:'s2') as e2,
       tests.day_en(:'other') as d3 \gset

create temporary table m on commit drop as
select t.phrase, brain.match_offered_slot(:'l', t.phrase) as r
from (values
  (format('%s at 10 works', :'d1')),
  ('the first one'),
  ('The second one please'),
  ('10am is good'),
  ('3:30pm works for me'),
  (format('el %s a las 10', :'e1')),
  (format('El %s a las 3:30 de la tarde me sirve', :'e2')),
  ('either works for me'),
  (format('%s or %s works', :'d1', :'d2')),
  (format('%s at 10 doesn''t work', :'d1')),
  (format('%s at 4?', :'d3')),
  (format('%s at 10 works', upper(:'d1')))
) t (phrase);

-- TEST: day and time with acceptance words match the first slot with high confidence.
select is((select (r ->> 'slot_start')::timestamptz from m where phrase = format('%s at 10 works', :'d1')), :'s1'::timestamptz,
          '"<day> at 10 works" is the first slot');
select ok((select (r ->> 'confidence')::numeric >= 0.9 from m where phrase = format('%s at 10 works', :'d1')), '... with confidence of at least 0.9');
-- TEST: ordinals.
select is((select (r ->> 'slot_start')::timestamptz from m where phrase = 'the first one'), :'s1'::timestamptz, '"the first one"');
select is((select (r ->> 'slot_start')::timestamptz from m where phrase = 'The second one please'), :'s2'::timestamptz, '"the second one please"');
-- TEST: a time alone, 12-hour and with minutes.
select is((select (r ->> 'slot_start')::timestamptz from m where phrase = '10am is good'), :'s1'::timestamptz, '"10am is good"');
select is((select (r ->> 'slot_start')::timestamptz from m where phrase = '3:30pm works for me'), :'s2'::timestamptz, '"3:30pm works for me"');
-- TEST: Spanish.
select is((select (r ->> 'slot_start')::timestamptz from m where phrase = format('el %s a las 10', :'e1')), :'s1'::timestamptz, '"el martes a las 10"');
select ok((select (r ->> 'confidence')::numeric >= 0.9 from m where phrase = format('el %s a las 10', :'e1')), '... confidently');
select is((select (r ->> 'slot_start')::timestamptz from m where phrase = format('El %s a las 3:30 de la tarde me sirve', :'e2')), :'s2'::timestamptz,
          '"el miércoles a las 3:30 de la tarde me sirve"');
-- TEST: no time named, several fit, a negation, a time not offered: no confident match.
select is((select r ->> 'reason' from m where phrase = 'either works for me'), 'no_time_named', '"either works" names no slot');
select is((select r ->> 'reason' from m where phrase = format('%s or %s works', :'d1', :'d2')), 'ambiguous', 'two days named: ambiguous');
select ok((select (r ->> 'confidence')::numeric < 0.9 from m where phrase = format('%s at 10 doesn''t work', :'d1')), 'a negation is not an acceptance');
select is((select r ->> 'reason' from m where phrase = format('%s at 4?', :'d3')), 'no_offered_slot_matches', 'a time that was not offered matches nothing');
-- TEST: a slot that has passed is not matched.
select is((brain.match_offered_slot(:'l', format('%s at 10 works', :'d1'), :'s1'::timestamptz + interval '1 minute')) ->> 'slot_start',
          null, 'after the first slot started it is not offered any more');

select * from finish();
rollback;
