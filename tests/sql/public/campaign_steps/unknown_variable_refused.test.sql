-- A step whose body or subject names an unknown variable cannot be saved; the error
-- names the variable.
begin;
select plan(10);

select tests.create_account() as a \gset
select tests.create_campaign(:'a') as c \gset
select tests.create_campaign(:'a', p_is_active => false) as c_off \gset

-- TEST: insert into an active and into a paused campaign.
select throws_ok(
  format($$insert into public.campaign_steps (account_id, campaign_id, step, channel, body)
           values (%L, %L, 1, 'sms', 'Hi {{frist_name}}, this is {{business_name}}')$$, :'a', :'c'),
  '22023', 'unknown_template_variable', 'an unknown variable is refused (active campaign)');
select is(
  tests.error_of(format($$insert into public.campaign_steps (account_id, campaign_id, step, channel, body)
                          values (%L, %L, 1, 'sms', 'Hi {{frist_name}}')$$, :'a', :'c_off')) - 'hint',
  '{"code": "22023", "message": "unknown_template_variable", "detail": "step 1 body names {{frist_name}}, which is not a template variable"}'::jsonb,
  'refused in a paused campaign too; the detail names the step and the variable');
select matches(
  tests.error_of(format($$insert into public.campaign_steps (account_id, campaign_id, step, channel, body)
                          values (%L, %L, 1, 'sms', 'Hi {{frist_name}}')$$, :'a', :'c_off')) ->> 'hint',
  'known variables: first_name, last_name, full_name, business_name, city, vehicle, setter_name, persona_name',
  'the hint lists the known variables');

-- TEST: subject, case and malformed placeholders.
select throws_ok(
  format($$insert into public.campaign_steps (account_id, campaign_id, step, channel, subject, body)
           values (%L, %L, 1, 'email', 'For {{company}}', 'Hi {{first_name}}')$$, :'a', :'c'),
  '22023', 'unknown_template_variable', 'an unknown variable in the subject is refused');
select is(
  tests.error_of(format($$insert into public.campaign_steps (account_id, campaign_id, step, channel, body)
                          values (%L, %L, 1, 'sms', 'Hi {{First_Name}}')$$, :'a', :'c')) ->> 'detail',
  'step 1 body names {{First_Name}}, which is not a template variable', 'variable names are exact (lower case)');
select throws_ok(
  format($$insert into public.campaign_steps (account_id, campaign_id, step, channel, body)
           values (%L, %L, 1, 'sms', 'Hi {{first_name}')$$, :'a', :'c'),
  '22023', 'invalid_template_placeholder', 'an unclosed placeholder is refused');
select throws_ok(
  format($$insert into public.campaign_steps (account_id, campaign_id, step, channel, body)
           values (%L, %L, 1, 'sms', 'Hi {{first name}}')$$, :'a', :'c'),
  '22023', 'invalid_template_placeholder', 'a placeholder that is not a variable name is refused');

-- TEST: known variables, with and without defaults, are saved.
select lives_ok(
  format($$insert into public.campaign_steps (account_id, campaign_id, step, channel, body)
           values (%L, %L, 1, 'sms', 'Hi {{first_name|there}}, {{setter_name}} from {{ business_name }} about your {{vehicle|car}}')$$, :'a', :'c'),
  'known variables and defaults are saved');

-- TEST: an update is checked like an insert.
select throws_ok(
  format($$update public.campaign_steps set body = 'Hi {{nickname}}' where campaign_id = %L and step = 1$$, :'c'),
  '22023', 'unknown_template_variable', 'editing a step to an unknown variable is refused');
select is((select body from public.campaign_steps where campaign_id = :'c' and step = 1),
  'Hi {{first_name|there}}, {{setter_name}} from {{ business_name }} about your {{vehicle|car}}', 'the saved step is unchanged');

select * from finish();
rollback;
