-- A draft's touch whose outcome was unknown and that the provider never received is
-- sent again as a new touch (retry_of): when that one is sent, the draft is sent and
-- names the touch that carried it.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.pending_ai_draft(:'a', :'l', :'now') as d \gset
select public.approve_ai_draft(:'d', 'user:x', null, null, null, null, :'now') ->> 'touch_run_id' as t \gset
select brain.claim_touch(:'t', 'tests', :'now') ->> 'outcome';
select brain.record_touch_outcome(:'t', 'unknown', null, null, 'timeout', 'no answer', :'now');
select brain.record_touch_outcome(:'t', 'not_sent', null, null, 'reconciled_not_found', 'the provider has no such message',
  :'now'::timestamptz + interval '10 minutes') ->> 'retried_as' as retry \gset

-- TEST: the re-send carries the draft.
select results_eq(format($$select status, retry_of, payload -> 'meta' ->> 'ai_draft_id' from public.touch_runs where id = %L$$, :'retry'),
  format($$values ('queued'::text, %L::uuid, %L::text)$$, :'t', :'d'), 'a queued re-send of the draft''s touch');
select is((select status from public.ai_drafts where id = :'d'), 'approved', 'the draft is still approved');
select throws_ok(format($$select public.reject_ai_draft(%L, 'user:x')$$, :'d'), '55000', 'draft_already_sending',
  'its first touch failed but a re-send is queued: not silently rejected');

-- TEST: sent again: the draft is sent.
select brain.claim_touch(:'retry', 'tests', :'now'::timestamptz + interval '11 minutes') ->> 'outcome';
select brain.record_touch_outcome(:'retry', 'accepted', 'SM-RETRY-1', 'accepted', null, null, :'now'::timestamptz + interval '11 minutes');
select results_eq(format($$select status, touch_run_id from public.ai_drafts where id = %L$$, :'d'),
  format($$values ('sent'::text, %L::uuid)$$, :'retry'), 'the draft is sent, by the re-send');

-- TEST: a person can no longer reject it.
select throws_ok(format($$select public.reject_ai_draft(%L, 'user:x')$$, :'d'), '55000', 'draft_already_sending', 'sent: draft_already_sending');

select * from finish();
rollback;
