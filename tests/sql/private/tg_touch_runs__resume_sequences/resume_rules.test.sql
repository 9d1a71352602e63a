-- Resume rules (issue 18): a run paused because the lead replied resumes when a setter's
-- next message is sent, never when an AI auto-send goes out, never on a new reply; a run
-- paused for another reason waits for a person.
begin;
select plan(8);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as l \gset
select tests.create_lead(:'a', '+13055550102', p_lead_state => 'touched') as l2 \gset
select tests.create_sequence(:'a', 'manual', '[{"delay_amount": 0, "body": "Hi"}, {"delay_amount": 2, "delay_unit": "days", "body": "Again"}]') as s \gset
select brain.start_sequence(:'l', :'s', 'manual', 'user:x', null, null, :'now'::timestamptz - interval '3 hours') ->> 'enrollment_id' as e \gset
select brain.start_sequence(:'l2', :'s', 'manual', 'user:x', null, null, :'now'::timestamptz - interval '3 hours') ->> 'enrollment_id' as e2 \gset
select public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'Maybe later', :'now'::timestamptz - interval '2 hours');
select brain.pause_lead_sequences(array[:'l2']::uuid[], 'manual', null, :'now'::timestamptz - interval '2 hours');

-- TEST: an AI auto-send going out resumes nothing.
select tests.auto_sent_ai_draft(:'a', :'l', :'now'::timestamptz - interval '1 hour', 60) as d \gset
select is(tests.send_touch_now((select touch_run_id from public.ai_drafts where id = :'d'), :'now'::timestamptz - interval '50 minutes'),
  'claimed', 'the auto-sent AI reply is sent');
select results_eq(format($$select status, paused_reason from public.sequence_enrollments where id = %L$$, :'e'),
  $$values ('paused'::text, 'lead_replied'::text)$$, 'still paused after the AI auto-send');

-- TEST: a new reply never resumes.
select public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+13055550101', '+13055550900', 'ok', :'now'::timestamptz - interval '40 minutes');
select is((select status from public.sequence_enrollments where id = :'e'), 'paused', 'still paused after another reply');

-- TEST: a setter's message resumes it when it is sent, not when it is queued.
select public.queue_manual_message(:'l', 'sms', 'Happy to help', null, 'user:setter@example.com', :'now') as m \gset
select is((select status from public.sequence_enrollments where id = :'e'), 'paused', 'queued only: still paused');
select is(tests.send_touch_now(:'m', :'now'), 'claimed', 'the setter''s message is sent');
select results_eq(format($$select status, paused_reason, current_step, next_step_at from public.sequence_enrollments where id = %L$$, :'e'),
  format($$values ('active'::text, null::text, 1, %L::timestamptz)$$, :'now'),
  'resumed at its current step, the delay counted from the send');

-- TEST: a run paused for another reason is not resumed by a message to its lead.
select public.queue_manual_message(:'l2', 'sms', 'Hello', null, 'user:setter@example.com', :'now') as m2 \gset
select tests.send_touch_now(:'m2', :'now');
select results_eq(format($$select status, paused_reason from public.sequence_enrollments where id = %L$$, :'e2'),
  $$values ('paused'::text, 'manual'::text)$$, 'paused for manual: waits for Resume');
select set_config('app.account_id', :'a', true);
select is(public.resume_sequence_enrollment(:'e2', 'user:setter@example.com', :'now') ->> 'status', 'active', 'Resume resumes it');

select * from finish();
rollback;
