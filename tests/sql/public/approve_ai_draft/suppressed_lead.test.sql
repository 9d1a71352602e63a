-- A lead who opted out after the draft was made is not written to: approving
-- rejects the draft instead and says why; no touch is queued.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.pending_ai_draft(:'a', :'l', :'now') as d \gset
insert into public.suppressions (account_id, channel, phone, reason, lead_id, created_at)
values (:'a', 'sms', '+13055550101', 'opt_out', :'l', :'now'::timestamptz - interval '1 minute');

select tests.act_as('revenue_api', :'a');
select public.approve_ai_draft(:'d', 'user:x', null, null, null, null, :'now') as r \gset
reset role;

-- TEST: rejected_suppressed.
select is(:'r'::jsonb, jsonb_build_object('outcome', 'rejected_suppressed', 'draft_id', :'d',
  'reason', 'the lead is suppressed (channel_suppression:opt_out): nothing was sent'), 'outcome rejected_suppressed, the reason');
select results_eq(format($$select status, decided_by, decision_reason, touch_run_id from public.ai_drafts where id = %L$$, :'d'),
  $$values ('rejected'::text, 'user:x'::text, 'the lead is suppressed (channel_suppression:opt_out)'::text, null::uuid)$$,
  'the draft is rejected');
select is((select count(*)::int from public.touch_runs where lead_id = :'l'), 0, 'no touch');
select is((select payload ->> 'reason' from public.core_memory_events where lead_id = :'l' and event_type = 'ai_draft_rejected'), 'lead_suppressed',
  'an ai_draft_rejected event: lead_suppressed');

select * from finish();
rollback;
