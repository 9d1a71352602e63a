-- A person approves a pending draft in the console: one touch is queued through the
-- dispatch path and the draft is approved by them.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_user(:'a') as u \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.pending_ai_draft(:'a', :'l', :'now') as d \gset

select tests.act_as('revenue_api', :'a');
select public.approve_ai_draft(:'d', 'user:' || :'u', :'u', null, null, null, :'now') as r \gset
reset role;
select :'r'::jsonb ->> 'touch_run_id' as t \gset

-- TEST: the answer and the draft.
select is(:'r'::jsonb, jsonb_build_object('outcome', 'approved', 'draft_id', :'d', 'touch_run_id', :'t'), 'approved, the touch named');
select results_eq(format($$select status, decided_by, decided_by_user_id, decided_at, touch_run_id, decision_reason from public.ai_drafts where id = %L$$, :'d'),
  format($$values ('approved'::text, %L::text, %L::uuid, %L::timestamptz, %L::uuid, null::text)$$, 'user:' || :'u', :'u', :'now', :'t'),
  'approved by the person, at p_now, unedited');

-- TEST: one queued touch with the draft's text, waking the dispatcher.
select results_eq(format($$select status, step, payload -> 'delivery' ->> 'body', payload -> 'meta' ->> 'created_by' from public.touch_runs where lead_id = %L$$, :'l'),
  format($$values ('queued'::text, 99, 'Happy to help. When could you come by?'::text, %L::text)$$, 'user:' || :'u'),
  'one queued touch on step 99 carrying the draft');
select isnt_empty(format($$select 1 from tests.dispatch_jobs(%L)$$, :'t'), 'a dispatch job was queued');

-- TEST: the timeline.
select results_eq(format($$select direction, payload ->> 'touch_run_id', payload ->> 'edited' from public.core_memory_events where lead_id = %L and event_type = 'ai_draft_approved'$$, :'l'),
  format($$values ('outbound'::text, %L::text, 'false'::text)$$, :'t'),
  'an ai_draft_approved event');

-- TEST: who approves is required.
select throws_ok(format($$select public.approve_ai_draft(%L, '  ')$$, :'d'), '22023', 'invalid_argument', 'a blank actor: invalid_argument');

select * from finish();
rollback;
