-- Strict variables in sequences (seed 003 E11): an unknown variable is refused at save,
-- exactly as for campaign steps; activation re-checks every step.
begin;
select plan(11);

select tests.create_account() as a \gset
select set_config('app.account_id', :'a', true);

-- TEST: a good sequence saves (inactive) with its steps.
select is((public.save_sequence(null, '{"name": "Meeting follow-up", "trigger_on": "meeting_requested", "steps": [
    {"channel": "sms", "delay_amount": 2, "delay_unit": "business_hours", "body": "Hi {{first_name|there}}, when suits you?"},
    {"channel": "email", "delay_amount": 1, "delay_unit": "days", "subject": "{{business_name}} meeting", "body": "Hello {{first_name}}", "requires_approval": true}
  ]}'::jsonb, 'user:owner@example.com')) - 'sequence_id',
  '{"name": "Meeting follow-up", "trigger_on": "meeting_requested", "created": true, "is_active": false, "steps": 2}'::jsonb,
  'saved, inactive, two steps');
select results_eq($$select step_order, channel::text, delay_unit, requires_approval from public.sequence_steps order by step_order$$,
  $$values (1, 'sms', 'business_hours', false), (2, 'email', 'days', true)$$, 'the steps in order');

-- TEST: an unknown variable is refused, naming the step and the field, and nothing is written.
select is(tests.error_of($$select public.save_sequence(null, '{"name": "Bad", "trigger_on": "manual", "steps": [
    {"channel": "sms", "body": "ok"}, {"channel": "sms", "body": "Hi {{nickname}}"}]}'::jsonb, 'user:o@example.com')$$) - 'hint',
  '{"code": "22023", "message": "unknown_template_variable", "detail": "step 2 body names {{nickname}}, which is not a template variable"}'::jsonb,
  'unknown_template_variable: step 2 body names {{nickname}}');
select is((select count(*)::int from public.sequences where name = 'Bad'), 0, 'nothing written');
select throws_ok($$select public.save_sequence(null, '{"name": "Bad", "trigger_on": "manual", "steps": [{"channel": "sms", "body": "Hi {{first_name}"}]}'::jsonb, 'o')$$,
  '22023', 'invalid_template_placeholder', 'an unclosed placeholder is refused');

-- TEST: email needs a subject; hours_before_meeting only in booking reminders.
select throws_ok($$select public.save_sequence(null, '{"name": "Bad", "trigger_on": "manual", "steps": [{"channel": "email", "body": "Hi"}]}'::jsonb, 'o')$$,
  '22023', 'step_subject_required', 'an email step needs a subject');
select throws_ok($$select public.save_sequence(null, '{"name": "Bad", "trigger_on": "manual", "steps": [{"channel": "sms", "delay_unit": "hours_before_meeting", "delay_amount": 2, "body": "Hi"}]}'::jsonb, 'o')$$,
  '22023', 'hours_before_meeting_needs_booking', 'hours_before_meeting outside a booking_reminder sequence');

-- TEST: activation re-checks every step (a step written around the editor is caught).
select id as s from public.sequences where name = 'Meeting follow-up' \gset
update public.sequence_steps set body = 'Hi {{nickname}}' where sequence_id = :'s' and step_order = 1;
select is(tests.error_of(format($$select public.set_sequence_active(%L, true, 'o')$$, :'s')) - 'hint',
  '{"code": "P0001", "message": "sequence_step_invalid", "detail": "cannot switch on: step 1 body names {{nickname}}, which is not a template variable"}'::jsonb,
  'activation refused: sequence_step_invalid with the step''s error');
update public.sequence_steps set body = 'Hi {{first_name|there}}' where sequence_id = :'s' and step_order = 1;
select is(public.set_sequence_active(:'s', true, 'o') ->> 'is_active', 'true', 'a valid sequence switches on');

-- TEST: one active sequence per trigger.
select public.save_sequence(null, '{"name": "Second", "trigger_on": "meeting_requested", "steps": [{"channel": "sms", "body": "Hi"}]}'::jsonb, 'o') ->> 'sequence_id' as s2 \gset
select throws_ok(format($$select public.set_sequence_active(%L, true, 'o')$$, :'s2'), '23505', 'sequence_trigger_taken',
  'a second meeting_requested sequence cannot be on');
select throws_ok(format($$select public.set_sequence_active(%L, true, 'o')$$,
  public.save_sequence(null, '{"name": "Empty", "trigger_on": "manual"}'::jsonb, 'o') ->> 'sequence_id'), 'P0001', 'sequence_has_no_steps',
  'a sequence without steps cannot be on');

select * from finish();
rollback;
