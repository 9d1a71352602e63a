-- The runner turns a due step into exactly one touch_run (campaign null, step 98), with the
-- step's template and the sequence in its payload; running it again creates nothing more.
begin;
select plan(9);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
update public.leads set first_name = 'Ana' where id = :'l';
select tests.create_sequence(:'a', 'manual', '[{"body": "Hi {{first_name}}, still interested?"}, {"delay_amount": 2, "delay_unit": "days", "body": "Last try"}]') as s \gset
select brain.start_sequence(:'l', :'s', 'manual', 'user:setter@example.com', null, null, :'now') ->> 'enrollment_id' as e \gset

-- TEST: started at step 1, due at once (delay 0).
select results_eq(format($$select status, current_step, next_step_at from public.sequence_enrollments where id = %L$$, :'e'),
  format($$values ('active'::text, 1, %L::timestamptz)$$, :'now'), 'active at step 1, due now');

create temp table r1 on commit drop as select * from brain.run_due_sequence_steps(100, :'now');
create temp table r2 on commit drop as select * from brain.run_due_sequence_steps(100, :'now');

-- TEST: one touch, the second run finds nothing due.
select is((select outcome from r1), 'queued', 'the first run queues the step');
select is((select count(*)::int from r2), 0, 'the second run finds nothing due');
select is((select count(*)::int from public.touch_runs where lead_id = :'l'), 1, 'exactly one touch');
select results_eq(format($$select campaign_id, step, attempt, channel::text, status, sequence_enrollment_id, sequence_step,
                                 payload ->> 'message_class', payload -> 'delivery' ->> 'body', payload -> 'meta' ->> 'source',
                                 payload -> 'meta' ->> 'enrollment_id', (payload -> 'meta' ->> 'step')::int
                          from public.touch_runs where lead_id = %L$$, :'l'),
  format($$values (null::uuid, 98, 1, 'sms'::text, 'queued'::text, %L::uuid, 1, 'follow_up'::text, 'Hi {{first_name}}, still interested?'::text,
                   'sequence'::text, %L::text, 1)$$, :'e', :'e'),
  'campaign null, step 98, the step''s template, meta names the run');

-- TEST: the run moved to step 2, due two days later.
select results_eq(format($$select status, current_step, next_step_at from public.sequence_enrollments where id = %L$$, :'e'),
  format($$values ('active'::text, 2, %L::timestamptz + interval '2 days')$$, :'now'), 'step 2 due in two days');

-- TEST: sent through the dispatch path: rendered, last_step_at set, send_key deterministic.
select is(tests.send_touch_now((select id from public.touch_runs where lead_id = :'l'), :'now'), 'claimed', 'claimed by dispatch');
select results_eq(format($$select m.body, m.send_key from public.outbound_messages m where m.lead_id = %L$$, :'l'),
  format($$values ('Hi Ana, still interested?'::text, brain.send_key(%L, null, 98, 'sms', 1))$$, :'l'),
  'rendered with the lead''s name; send_key v1:<lead>:none:98:sms:1');
select is((select last_step_at from public.sequence_enrollments where id = :'e'), :'now'::timestamptz, 'last_step_at is the send');

select * from finish();
rollback;
