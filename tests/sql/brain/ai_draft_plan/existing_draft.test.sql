-- One draft per reply and channel: a reply that has one is not drafted again; the
-- answer names the draft.
begin;
select plan(2);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.pending_ai_draft(:'a', :'l', :'now') as d \gset
select inbound_message_id as m from public.ai_drafts where id = :'d' \gset

-- TEST: already drafted.
select results_eq(format($$select r ->> 'wanted', r ->> 'reason', r ->> 'draft_id' from (select brain.ai_draft_plan(%L, %L) r) x$$, :'m', :'now'),
  format($$values ('false'::text, 'the reply already has a draft'::text, %L::text)$$, :'d'),
  'not wanted; the draft named');
select public.reject_ai_draft(:'d', 'user:setter');
select is(brain.ai_draft_plan(:'m', :'now') ->> 'reason', 'the reply already has a draft', 'a rejected draft still counts: no second draft');

select * from finish();
rollback;
