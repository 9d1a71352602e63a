-- {{variable|default}} fills a missing value; a missing value without a default is
-- never rendered as a blank.
begin;
select plan(9);

-- TEST: the default syntax.
select is(brain.render_template('Hi {{first_name|there}}!', '{}'), 'Hi there!', 'missing value: the default is used');
select is(brain.render_template('Hi {{first_name|there}}!', '{"first_name": "Ana"}'), 'Hi Ana!', 'a value wins over the default');
select is(brain.render_template('Hi {{ first_name | my friend }}!', '{"first_name": "   "}'), 'Hi my friend!',
  'a blank value counts as missing; spaces around the name and the default are ignored');
select is(brain.render_template('Hi{{city|}}!', '{}'), 'Hi!', 'an explicit empty default renders nothing, on purpose');
select is(brain.render_template('{{first_name|a & \1}}', '{}'), 'a & \1', 'the default is literal too');

-- TEST: missing without a default raises, naming the variable.
select throws_ok($$select brain.render_template('Hi {{first_name}}, see you in {{city}}', '{"city": "Miami"}')$$,
  '22023', 'missing_lead_data', 'a known variable without value or default is refused');
select is(tests.error_of($$select brain.render_template('Hi {{first_name}} {{last_name}}', '{}')$$) ->> 'detail',
  'the template cannot be rendered: missing_lead_data:first_name, missing_lead_data:last_name',
  'the detail names every missing variable, in order');

-- TEST: what template_problems reports.
select is(brain.template_problems('Hi {{first_name}} {{frist_name}} {{first_name}} {{ bad name }}', '{}'),
  array['missing_lead_data:first_name', 'unknown_template_variable:frist_name', 'invalid_template_placeholder'],
  'problems in text order, each once');
select is(brain.template_problems('Hi {{first_name|there}}, {{business_name}}', '{"business_name": "Level 5"}'), '{}'::text[],
  'nothing to report when it renders');

select * from finish();
rollback;
