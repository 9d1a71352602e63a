-- Issue 18: a reply tagged Meeting Requested starts the account's active
-- meeting_requested sequence for the lead, counted from the tag.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.create_sequence(:'a', 'meeting_requested', '[{"delay_amount": 1, "delay_unit": "days", "body": "When suits you?"}]') as s \gset
select tests.inbound_message(:'a', :'l', 'Can we meet Tuesday?', :'now'::timestamptz - interval '5 minutes') as m \gset
select tests.inbound_message(:'a', :'l2', 'Sounds interesting', :'now'::timestamptz - interval '5 minutes') as m2 \gset

select brain.record_reply_sentiment(:'m', 'Meeting Requested', 'llm', 'asks to meet', 0.95, :'now');
select brain.record_reply_sentiment(:'m2', 'Interested', 'llm', 'interested', 0.9, :'now');

-- TEST: started for the Meeting Requested reply only.
select results_eq(format($$select lead_id, status, trigger, started_by, current_step, next_step_at from public.sequence_enrollments where sequence_id = %L$$, :'s'),
  format($$values (%L::uuid, 'active'::text, 'meeting_requested'::text, 'system:meeting_requested'::text, 1, %L::timestamptz + interval '1 day')$$, :'l', :'now'),
  'the meeting_requested run starts active, its first step a day after the tag');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'sequence_started'), 1, 'sequence_started recorded');

-- TEST: no active sequence, nothing starts; a second tag does not start a second run.
update public.sequences set is_active = false where id = :'s';
select tests.inbound_message(:'a', :'l2', 'Let us meet', :'now') as m3 \gset
select brain.record_reply_sentiment(:'m3', 'Meeting Requested', 'llm', 'asks to meet', 0.95, :'now');
select is((select count(*)::int from public.sequence_enrollments where lead_id = :'l2'), 0, 'inactive sequence: nothing starts');
update public.sequences set is_active = true where id = :'s';
select tests.inbound_message(:'a', :'l', 'Tuesday then', :'now') as m4 \gset
select brain.record_reply_sentiment(:'m4', 'Meeting Requested', 'llm', 'asks to meet', 0.95, :'now');
select is((select count(*)::int from public.sequence_enrollments where lead_id = :'l'), 1, 'one run per lead and sequence');

select * from finish();
rollback;
