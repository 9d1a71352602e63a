-- An approved draft whose touch the dispatcher canceled is marked rejected by the
-- system, with the reason (private.tg_touch_runs__ai_draft_sent); one whose send failed
-- stays approved (reconciliation may still send it) and a person may reject it, and
-- nothing is said to be on its way.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.pending_ai_draft(:'a', :'l', :'now') as d \gset
select tests.pending_ai_draft(:'a', :'l2', :'now') as d2 \gset
select public.approve_ai_draft(:'d', 'user:x', null, null, null, null, :'now') ->> 'touch_run_id' as t \gset
select public.approve_ai_draft(:'d2', 'user:x', null, null, null, null, :'now') ->> 'touch_run_id' as t2 \gset
-- The first lead is closed after the approval: the dispatcher will not write to it.
update public.leads set lead_state = 'closed' where id = :'l';
select brain.claim_touch(:'t2', 'tests', :'now') ->> 'outcome';
select brain.record_touch_outcome(:'t2', 'rejected', null, 'failed', '21610', 'unsubscribed recipient', :'now');

-- TEST: the dispatcher canceled the first, and its draft says so; the second failed and stays approved.
select is(brain.claim_touch(:'t', 'tests', :'now') ->> 'reason', 'lead_closed', 'the touch is canceled (lead_closed)');
select results_eq(format($$select status, decided_by, decision_reason from public.ai_drafts where id in (%L, %L) order by id = %L desc$$, :'d', :'d2', :'d'),
  $$values ('rejected'::text, 'system'::text, 'not sent: the dispatch path canceled it (lead_closed)'::text), ('approved', 'user:x', null)$$,
  'canceled: rejected by system with the reason; failed: still approved');

-- TEST: rejecting them.
select tests.act_as('revenue_api', :'a');
select is(public.reject_ai_draft(:'d', 'user:x', null, 'will call instead', :'now') ->> 'outcome', 'already_rejected', 'canceled touch: already rejected');
select is(public.reject_ai_draft(:'d2', 'user:x', null, 'will call instead', :'now') ->> 'outcome', 'rejected', 'failed touch: rejected');
reset role;
select results_eq(format($$select status, decision_reason from public.ai_drafts where id = %L$$, :'d2'),
  $$values ('rejected'::text, 'will call instead'::text)$$, 'the draft is rejected with the reason');
select is((select payload ? 'canceled_touch' from public.core_memory_events where lead_id = :'l2' and event_type = 'ai_draft_rejected'), false,
  'the event does not claim a touch was canceled by the rejection');

select * from finish();
rollback;
