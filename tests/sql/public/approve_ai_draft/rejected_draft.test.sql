-- A rejected draft cannot be approved: 55000 draft_rejected, and the detail says why.
begin;
select plan(2);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.pending_ai_draft(:'a', :'l', :'now') as d \gset
select public.reject_ai_draft(:'d', 'user:x', null, 'wrong tone', :'now');

-- TEST: refused.
select tests.act_as('revenue_api', :'a');
select throws_ok(format($$select public.approve_ai_draft(%L, 'user:y')$$, :'d'), '55000', 'draft_rejected', 'a rejected draft: draft_rejected');
select is((tests.error_of(format($$select public.approve_ai_draft(%L, 'user:y')$$, :'d')) ->> 'detail'),
  'this draft was rejected (wrong tone); write a new message instead', 'the detail says why and what to do');
reset role;

select * from finish();
rollback;
