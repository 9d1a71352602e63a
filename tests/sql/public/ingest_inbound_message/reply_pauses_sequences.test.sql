-- Issue 18: an inbound reply pauses every running sequence of its lead at once, in the
-- ingest transaction itself, and cancels the step already queued.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as l \gset
select tests.create_sequence(:'a', 'manual', '[{"body": "Hi"}, {"delay_amount": 1, "body": "Again"}]') as s1 \gset
select tests.create_sequence(:'a', 'no_response', '[{"delay_amount": 5, "body": "Still there?"}]') as s2 \gset
select brain.start_sequence(:'l', :'s1', 'manual', 'user:x', null, null, :'now'::timestamptz - interval '1 hour');
select brain.start_sequence(:'l', :'s2', 'no_response', 'system:no_response', null, null, :'now'::timestamptz - interval '1 hour');
select touch_run_id as t from brain.run_due_sequence_steps(100, :'now'::timestamptz - interval '1 hour') where touch_run_id is not null \gset

-- One call: the reply is ingested and, in the same statement's transaction, the runs paused.
create temp table res on commit drop as
select public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'Who is this?', :'now') as r,
       (select pg_catalog.array_agg(e.status || ':' || coalesce(e.paused_reason, '') order by e.sequence_id)
        from public.sequence_enrollments e where e.lead_id = :'l') as before_commit;

-- TEST: the ingest's answer counts them; both runs are paused for lead_replied.
select is((select (r ->> 'sequences_paused')::int from res), 2, 'ingest_inbound_message answers sequences_paused 2');
select set_eq(format($$select status, paused_reason, paused_at from public.sequence_enrollments where lead_id = %L$$, :'l'),
  format($$values ('paused'::text, 'lead_replied'::text, %L::timestamptz), ('paused', 'lead_replied', %L)$$, :'now', :'now'),
  'every running sequence of the lead is paused: lead_replied, at the reply''s time');
-- TEST: the queued step is withdrawn, and the run goes back to it.
select results_eq(format($$select status, error_code from public.touch_runs where id = %L$$, :'t'),
  $$values ('canceled'::text, 'lead_replied'::text)$$, 'the queued sequence step is canceled');
select is((select current_step from public.sequence_enrollments where sequence_id = :'s1'), 1, 'the run is back at the canceled step');
-- TEST: nothing runs while paused.
select is((select count(*)::int from brain.run_due_sequence_steps(100, :'now'::timestamptz + interval '10 days')), 0, 'the runner leaves paused runs');

select * from finish();
rollback;
