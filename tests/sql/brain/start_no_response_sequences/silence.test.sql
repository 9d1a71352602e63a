-- Issue 18: no reply N days after the last touch starts the no_response sequence, once.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l_silent \gset
select tests.create_lead(:'a', '+13055550102') as l_replied \gset
select tests.create_lead(:'a', '+13055550103') as l_recent \gset
select tests.create_sequence(:'a', 'no_response', '[{"delay_amount": 0, "body": "Still interested?"}]', true, 3) as s \gset
select tests.sent_touch(:'a', :'l_silent', 'sms', 'SM-1', :'now'::timestamptz - interval '4 days');
select tests.sent_touch(:'a', :'l_replied', 'sms', 'SM-2', :'now'::timestamptz - interval '4 days');
select tests.inbound_message(:'a', :'l_replied', 'no thanks', :'now'::timestamptz - interval '3 days');
select tests.sent_touch(:'a', :'l_recent', 'sms', 'SM-3', :'now'::timestamptz - interval '1 day');

create temp table r on commit drop as select * from brain.start_no_response_sequences(100, :'now');

-- TEST: only the silent lead starts.
select results_eq('select lead_id, started from r', format($$values (%L::uuid, true)$$, :'l_silent'), 'the silent lead starts');
select results_eq(format($$select trigger, started_by, status from public.sequence_enrollments where lead_id = %L$$, :'l_silent'),
  $$values ('no_response'::text, 'system:no_response'::text, 'active'::text)$$, 'a no_response run');
-- TEST: once per silence, even after the run completes.
select brain.run_due_sequence_steps(100, :'now');
update public.touch_runs set status = 'canceled' where lead_id = :'l_silent' and status = 'queued';
select is((select count(*)::int from brain.start_no_response_sequences(100, :'now'::timestamptz + interval '1 hour')), 0, 'not started again');
select is((select count(*)::int from public.sequence_enrollments where lead_id = :'l_silent'), 1, 'one run');

select * from finish();
rollback;
