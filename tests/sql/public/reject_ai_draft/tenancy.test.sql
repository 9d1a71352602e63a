-- Another account's draft cannot be rejected from the console: P0002 draft_not_found;
-- its own account's console may.
begin;
select plan(2);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.pending_ai_draft(:'a', :'l', :'now') as d \gset

-- TEST: refused.
select tests.act_as('revenue_api', :'b');
select throws_ok(format($$select public.reject_ai_draft(%L, 'user:b')$$, :'d'), 'P0002', 'draft_not_found', 'B''s console: draft_not_found');
reset role;
select tests.act_as('revenue_api', :'a');
select is(public.reject_ai_draft(:'d', 'user:a') ->> 'outcome', 'rejected', 'A''s console: rejected');
reset role;

select * from finish();
rollback;
