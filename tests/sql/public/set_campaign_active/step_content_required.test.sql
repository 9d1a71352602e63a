-- A campaign is switched on only when every step says what it sends: a body for
-- sms/whatsapp/email, the call script for voice, a subject for email, and no unknown
-- variable (also for a step saved before strict templates).
begin;
select plan(11);

select tests.create_account() as a \gset
select tests.create_campaign(:'a', 'strict_off', p_is_active => false) as c \gset
select tests.create_step(:'a', :'c', 1, 'sms', p_body => 'Hi {{first_name|there}}');
select tests.create_step(:'a', :'c', 2, 'whatsapp', p_body => '');

-- TEST: a text step without a body.
select is(tests.error_of(format($$select public.set_campaign_active(%L, true)$$, :'c')) - 'hint',
  '{"code": "P0001", "message": "step_body_required", "detail": "step 2 (whatsapp) of campaign strict_off has no message body: write it before the campaign is switched on"}'::jsonb,
  'a whatsapp step without a body: activation refused, naming the step');
select is((select is_active from public.campaigns where id = :'c'), false, 'the campaign stays off');
update public.campaign_steps set body = '   ' where campaign_id = :'c' and step = 2;
select throws_ok(format($$select public.set_campaign_active(%L, true)$$, :'c'), 'P0001', 'step_body_required',
  'a blank body is no body');
update public.campaign_steps set body = 'Hola {{first_name|}}' where campaign_id = :'c' and step = 2;

-- TEST: a voice step without a script.
select tests.create_step(:'a', :'c', 3, 'voice', p_body => '');
select is(tests.error_of(format($$select public.set_campaign_active(%L, true)$$, :'c')) ->> 'detail',
  'step 3 (voice) of campaign strict_off has no call script: write it before the campaign is switched on',
  'a voice step needs its script');
update public.campaign_steps set body = 'Ask whether the car is still for sale.' where campaign_id = :'c' and step = 3;

-- TEST: an email step without a subject.
select tests.create_step(:'a', :'c', 4, 'email', p_body => 'Hi {{first_name|there}}', p_subject => '');
select throws_ok(format($$select public.set_campaign_active(%L, true)$$, :'c'), 'P0001', 'step_subject_required',
  'an email step needs a subject');
update public.campaign_steps set subject = 'Your car' where campaign_id = :'c' and step = 4;

-- TEST: a step saved before strict templates with an unknown variable.
alter table public.campaign_steps disable trigger check_content;
update public.campaign_steps set body = 'Hi {{nombre}}' where campaign_id = :'c' and step = 1;
alter table public.campaign_steps enable trigger check_content;
select is(tests.error_of(format($$select public.set_campaign_active(%L, true)$$, :'c')) ->> 'detail',
  'step 1 body names {{nombre}}, which is not a template variable', 'an old step with an unknown variable blocks activation');
select throws_ok(format($$select public.set_campaigns_active_bulk(%L, true)$$, :'a'), '22023', 'unknown_template_variable',
  '"switch on all" is refused the same way');
update public.campaign_steps set body = 'Hi {{first_name|there}}' where campaign_id = :'c' and step = 1;

-- TEST: complete steps: it switches on.
select lives_ok(format($$select public.set_campaign_active(%L, true)$$, :'c'), 'every step is complete: activation succeeds');
select is((select status from public.campaigns where id = :'c'), 'active', 'the campaign is active');

-- TEST: an active campaign refuses a step that says nothing.
select throws_ok(
  format($$insert into public.campaign_steps (account_id, campaign_id, step, channel) values (%L, %L, 5, 'sms')$$, :'a', :'c'),
  'P0001', 'step_body_required', 'adding a step without a body to a running campaign is refused');
select throws_ok(
  format($$update public.campaign_steps set body = null where campaign_id = %L and step = 1$$, :'c'),
  'P0001', 'step_body_required', 'clearing the body of a running campaign''s step is refused');

select * from finish();
rollback;
