-- Values render exactly as typed: no regex backreferences, no recursive substitution,
-- no HTML escaping or interpretation.
begin;
select plan(7);

-- TEST: backreference and replacement metacharacters stay literal.
select is(brain.render_template('Hi {{first_name}}!', '{"first_name": "Ana \\1 & $1 \\0"}'),
  'Hi Ana \1 & $1 \0!', 'a name with \1, & and $1 appears as typed');

-- TEST: a value that looks like a placeholder is not expanded again.
select is(brain.render_template('Hi {{first_name}}, from {{business_name}}', '{"first_name": "{{business_name}}", "business_name": "Level 5"}'),
  'Hi {{business_name}}, from Level 5', 'a value containing {{business_name}} is not substituted');
select is(brain.render_template('{{first_name}}{{last_name}}', '{"first_name": "{{", "last_name": "last_name}}"}'),
  '{{last_name}}', 'two values that together look like a placeholder stay text');

-- TEST: HTML and newlines are data.
select is(brain.render_template('Hi {{first_name}}', '{"first_name": "<b>Ana</b>\n&amp;"}'),
  E'Hi <b>Ana</b>\n&amp;', 'HTML and a newline appear as typed');

-- TEST: the text around placeholders is kept exactly, including edge whitespace.
select is(brain.render_template('  {{ first_name }}, \1 & {{city}}  ', '{"first_name": "Ana", "city": "Miami"}'),
  '  Ana, \1 & Miami  ', 'literal template text (with \1 and &) and spacing inside braces');

-- TEST: a template without placeholders, and null.
select is(brain.render_template('No placeholders here.', '{}'), 'No placeholders here.', 'plain text renders as itself');
select is(brain.render_template(null, '{}'), null, 'null renders null');

select * from finish();
rollback;
