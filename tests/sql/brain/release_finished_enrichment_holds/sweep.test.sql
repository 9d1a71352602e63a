-- Issue 19: a hold written from a read taken just before the enrichment committed misses the
-- release trigger; the minute's sweep releases it. Only marked rows of leads no longer
-- pending move; a lead still pending keeps its hold.
begin;
select plan(6);

select tests.create_account('A') as a \gset
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.create_lead(:'a', '+13055550101') as done_lead \gset
select tests.create_lead(:'a', '+13055550102') as pending_lead \gset
select tests.enroll(:'a', :'c', :'done_lead', '2026-03-01 10:10+00');
select tests.enroll(:'a', :'c', :'pending_lead', '2026-03-01 10:10+00');

-- The race's outcome, written directly: the enrichment finished (done), yet a touch and an
-- enrollment of that lead are still marked held until 10:10.
update public.leads set enrichment_status = 'done', enrichment_finished_at = '2026-03-01 10:00+00' where id = :'done_lead';
insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, payload, held_for)
values (:'a', :'done_lead', :'c', 1, 'sms', 1, 'scheduled', '2026-03-01 10:10+00', '{"delivery": {"body": "Hi"}}', 'enrichment'),
       (:'a', :'pending_lead', :'c', 1, 'sms', 1, 'scheduled', '2026-03-01 10:10+00', '{"delivery": {"body": "Hi"}}', 'enrichment');
update public.campaign_leads set held_for = 'enrichment' where account_id = :'a';

set local role revenue_worker;
select is(brain.release_finished_enrichment_holds('2026-03-01 10:01+00'), 2, 'the finished lead''s touch and enrollment are released');
reset role;

select results_eq(format($$select scheduled_at, held_for from public.touch_runs where lead_id = %L$$, :'done_lead'),
  $$values ('2026-03-01 10:01+00'::timestamptz, null::text)$$, 'its touch is due now and unmarked');
select results_eq(format($$select next_step_at, held_for from public.campaign_leads where lead_id = %L$$, :'done_lead'),
  $$values ('2026-03-01 10:01+00'::timestamptz, null::text)$$, 'its enrollment is due now and unmarked');
select results_eq(format($$select scheduled_at, held_for from public.touch_runs where lead_id = %L$$, :'pending_lead'),
  $$values ('2026-03-01 10:10+00'::timestamptz, 'enrichment'::text)$$, 'a lead still pending keeps its hold');
select results_eq(format($$select held_for from public.campaign_leads where lead_id = %L$$, :'pending_lead'),
  $$values ('enrichment'::text)$$, 'and its enrollment stays held');

set local role revenue_worker;
select is(brain.release_finished_enrichment_holds('2026-03-01 10:02+00'), 0, 'a second sweep finds nothing');
reset role;

select * from finish();
rollback;
