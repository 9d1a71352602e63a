-- A person rejects a pending draft: it is rejected by them, with their reason; a second
-- rejection answers already_rejected.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_user(:'a') as u \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.pending_ai_draft(:'a', :'l', :'now') as d \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.pending_ai_draft(:'a', :'l2', :'now') as d2 \gset

select tests.act_as('revenue_api', :'a');
select public.reject_ai_draft(:'d', 'user:' || :'u', :'u', '  Too pushy  ', :'now') as r \gset
select public.reject_ai_draft(:'d2', 'user:' || :'u', :'u', null, :'now');
select public.reject_ai_draft(:'d', 'user:other', null, 'again', :'now'::timestamptz + interval '1 minute') as again \gset
reset role;

-- TEST: rejected.
select is(:'r'::jsonb, jsonb_build_object('outcome', 'rejected', 'draft_id', :'d'), 'outcome rejected');
select results_eq(format($$select status, decided_by, decided_by_user_id, decided_at, decision_reason from public.ai_drafts where id = %L$$, :'d'),
  format($$values ('rejected'::text, %L::text, %L::uuid, %L::timestamptz, 'Too pushy'::text)$$, 'user:' || :'u', :'u', :'now'),
  'rejected by the person, their reason trimmed');
select is((select decision_reason from public.ai_drafts where id = :'d2'), 'rejected by user:' || :'u', 'no reason: who rejected it');

-- TEST: again.
select is(:'again'::jsonb, jsonb_build_object('outcome', 'already_rejected', 'draft_id', :'d'), 'already_rejected');
select is((select decided_by from public.ai_drafts where id = :'d'), 'user:' || :'u', 'the first rejection stands');

select * from finish();
rollback;
