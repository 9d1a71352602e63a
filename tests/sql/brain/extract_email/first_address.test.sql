-- The first email address written in a message, lower-cased.
begin;
select plan(4);

-- TEST: found and lower-cased.
select is(brain.extract_email('sure, write to Ana.Perez+cars@Example.COM thanks'), 'ana.perez+cars@example.com',
  'an address inside text, lower-cased');
select is(brain.extract_email('mi correo: juan_p@mail.example.co.uk.'), 'juan_p@mail.example.co.uk',
  'sub-domains kept, the full stop after it left out');

-- TEST: the first of several.
select is(brain.extract_email('a@first.example or b@second.example'), 'a@first.example', 'the first address wins');

-- TEST: next to punctuation.
select is(brain.extract_email('(bob@example.org)'), 'bob@example.org', 'parentheses are not part of it');

select * from finish();
rollback;
