-- Issue 19: when a lead's enrichment finishes, the touches the claim held and the
-- enrollments the orchestrator held for it are due at once; other scheduled touches of
-- the lead, and other leads' holds, stay where they are.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.create_step(:'a', :'c', 2, 'sms', 60);
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'a', '+13055550102') as other \gset
-- Held touches and enrollments as the claim and the orchestrator leave them.
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now') as held \gset
select tests.create_touch(:'a', :'l', null, 2, 'sms', 1, :'now') as later \gset
select tests.create_touch(:'a', :'other', null, 1, 'sms', 1, :'now') as other_held \gset
update public.touch_runs set scheduled_at = :'now'::timestamptz + interval '8 minutes', held_for = 'enrichment' where id in (:'held', :'other_held');
update public.touch_runs set scheduled_at = :'now'::timestamptz + interval '2 days' where id = :'later';
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz + interval '8 minutes');
update public.campaign_leads set held_for = 'enrichment' where lead_id = :'l';

-- The enrichment worker records its results.
update public.leads set enrichment_status = 'done', enrichment_finished_at = now() where id = :'l';

-- TEST: the held touch is due now, its mark cleared, and its dispatch job queued for now.
select results_eq(format('select scheduled_at, held_for from public.touch_runs where id = %L', :'held'),
  $$values (now(), null::text)$$, 'the held touch is due now');
select ok(exists (select 1 from tests.dispatch_jobs(:'held') where run_at <= now()), 'a dispatch job is queued for it now');
-- TEST: the enrollment is due now.
select results_eq(format('select next_step_at, held_for, current_step from public.campaign_leads where lead_id = %L', :'l'),
  $$values (now(), null::text, 1)$$, 'the held enrollment is due now, at the same step');
-- TEST: nothing else moves.
select is((select scheduled_at from public.touch_runs where id = :'later'), :'now'::timestamptz + interval '2 days',
  'a touch scheduled for its own reasons keeps its time');
select results_eq(format('select scheduled_at, held_for from public.touch_runs where id = %L', :'other_held'),
  format($$values (%L::timestamptz, 'enrichment'::text)$$, :'now'::timestamptz + interval '8 minutes'),
  'another lead''s held touch waits for that lead''s enrichment');
-- TEST: a failed enrichment releases too.
update public.leads set enrichment_status = 'failed', enrichment_reason = 'lookup failed', enrichment_finished_at = now() where id = :'other';
select is((select scheduled_at from public.touch_runs where id = :'other_held'), now(), 'a failed enrichment releases its lead''s touch');

select * from finish();
rollback;
