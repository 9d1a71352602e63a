-- Issue 19: the orchestrator does not schedule a step whose channel's address enrichment
-- has not checked yet: it waits (wait_enrichment) until the end of the wait, at the same
-- step, and then goes on with what is known, saying so in touch_evaluated. A step whose
-- channel enrichment ruled out is skipped with the reason.
begin;
select plan(10);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.create_step(:'a', :'c', 2, 'sms', 60);
select tests.create_lead(:'a', '+13055550101') as l \gset
update public.leads set enrichment_requested_at = :'now'::timestamptz - interval '2 minutes' where id = :'l';
select :'now'::timestamptz + interval '8 minutes' as deadline \gset
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz - interval '1 minute');

-- TEST: pending: no touch, the step waits until the end of the wait.
select results_eq(format($$select decision, scheduled_at, touch_run_id from public.run_touch_orchestrator(10, false, %L)$$, :'now'),
  format($$values ('wait_enrichment'::text, %L::timestamptz, null::uuid)$$, :'deadline'),
  'wait_enrichment until the end of the wait, no touch');
select results_eq(format('select current_step, next_step_at, status, held_for from public.campaign_leads where lead_id = %L', :'l'),
  format($$values (1, %L::timestamptz, 'active'::text, 'enrichment'::text)$$, :'deadline'),
  'the enrollment stays at step 1, due at the end of the wait, held for enrichment');
select is((select count(*)::int from public.touch_runs where lead_id = :'l'), 0, 'no touch was created');
select is((select payload ->> 'decision' from public.core_memory_events where lead_id = :'l' and event_type = 'touch_evaluated'),
  'wait_enrichment', 'touch_evaluated says it waits');

-- TEST: at the end of the wait, still pending: the step goes, and the event says the enrichment timed out.
select results_eq(format($$select decision from public.run_touch_orchestrator(10, false, %L)$$, :'deadline'),
  $$values ('queued'::text)$$, 'after the wait the step is queued');
select results_eq(
  format($$select payload ->> 'enrichment', (payload ->> 'waited_until')::timestamptz from public.core_memory_events
           where lead_id = %L and event_type = 'touch_evaluated' and payload ->> 'decision' = 'queued'$$, :'l'),
  format($$values ('timed_out'::text, %L::timestamptz)$$, :'deadline'),
  'touch_evaluated records that enrichment timed out');
select results_eq(format('select current_step, held_for from public.campaign_leads where lead_id = %L', :'l'),
  $$values (2, null::text)$$, 'the enrollment moved on to step 2');

-- TEST: a landline: the sms step is skipped with the reason; a number enrichment has checked does not wait.
select tests.create_lead(:'a', '+13055550102') as land \gset
select tests.enriched(:'land', 'valid', 'landline', p_at => :'now'::timestamptz - interval '1 hour');
select tests.enroll(:'a', :'c', :'land', :'deadline'::timestamptz - interval '1 minute');
select results_eq(format($$select decision from public.run_touch_orchestrator(10, false, %L) where lead_id = %L$$, :'deadline', :'land'),
  $$values ('skip_unreachable'::text)$$, 'sms to a landline: skip_unreachable');
select is((select payload ->> 'reason' from public.core_memory_events where lead_id = :'land' and event_type = 'touch_evaluated'),
  'phone_not_mobile', 'the event names the reason');

-- TEST: a wait of 0 never waits.
update public.org_settings set enrichment_wait_seconds = 0 where account_id = :'a';
select tests.create_lead(:'a', '+13055550103') as l3 \gset
update public.leads set enrichment_requested_at = :'deadline' where id = :'l3';
select tests.enroll(:'a', :'c', :'l3', :'deadline'::timestamptz - interval '1 minute');
select results_eq(format($$select decision from public.run_touch_orchestrator(10, false, %L) where lead_id = %L$$, :'deadline', :'l3'),
  $$values ('queued'::text)$$, 'enrichment_wait_seconds = 0: queued at once');

select * from finish();
rollback;
