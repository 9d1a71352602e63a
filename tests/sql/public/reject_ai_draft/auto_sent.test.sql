-- An auto-sent draft whose touch is still scheduled can be stopped: the touch is
-- canceled (draft_rejected) and the draft rejected.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.auto_sent_ai_draft(:'a', :'l', :'now') as d \gset
select touch_run_id as t from public.ai_drafts where id = :'d' \gset

select tests.act_as('revenue_api', :'a');
select public.reject_ai_draft(:'d', 'user:x', null, 'not this one', :'now') as r \gset
reset role;

-- TEST: stopped.
select is(:'r'::jsonb ->> 'outcome', 'rejected', 'outcome rejected');
select results_eq(format($$select status, error_code from public.touch_runs where id = %L$$, :'t'),
  $$values ('canceled'::text, 'draft_rejected'::text)$$, 'the touch is canceled: draft_rejected');
select results_eq(format($$select status, decided_by, decision_reason from public.ai_drafts where id = %L$$, :'d'),
  $$values ('rejected'::text, 'user:x'::text, 'not this one'::text)$$, 'the draft is rejected by the person');
select is((select payload ->> 'canceled_touch' from public.core_memory_events where lead_id = :'l' and event_type = 'ai_draft_rejected'), :'t',
  'the ai_draft_rejected event names the canceled touch');

select * from finish();
rollback;
