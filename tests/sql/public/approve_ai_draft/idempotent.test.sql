-- A double click, a second tab or a Slack retry: approving again answers the touch
-- already queued and queues nothing.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.pending_ai_draft(:'a', :'l', :'now') as d \gset

select tests.act_as('revenue_api', :'a');
select public.approve_ai_draft(:'d', 'user:first', null, null, null, null, :'now') ->> 'touch_run_id' as t \gset
select public.approve_ai_draft(:'d', 'slack:U0SECOND1', null, 'A different text', null, null, :'now'::timestamptz + interval '1 minute') as again \gset
reset role;

-- TEST: the second approval.
select is(:'again'::jsonb, jsonb_build_object('outcome', 'already_approved', 'draft_id', :'d', 'touch_run_id', :'t', 'decided_by', 'user:first'),
  'already_approved, the same touch, who approved first');
select is((select count(*)::int from public.touch_runs where lead_id = :'l'), 1, 'still one touch');
select results_eq(format($$select decided_by, body from public.ai_drafts where id = %L$$, :'d'),
  $$values ('user:first'::text, 'Happy to help. When could you come by?'::text)$$, 'the first approval and text stand');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'ai_draft_approved'), 1, 'one ai_draft_approved event');

-- TEST: once sent, already_sent.
update public.touch_runs set status = 'sending' where id = :'t';
update public.touch_runs set status = 'sent' where id = :'t';
select is(public.approve_ai_draft(:'d', 'user:first') ->> 'outcome', 'already_sent', 'a sent draft: already_sent');

select * from finish();
rollback;
