-- Another account's draft does not exist for you: the console (revenue_api, RLS) and
-- the Slack path (p_account_id) both answer P0002 draft_not_found, while the right account's approval goes through.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.pending_ai_draft(:'a', :'l', :'now') as d \gset

-- TEST: revenue_api of another account.
select tests.act_as('revenue_api', :'b');
select throws_ok(format($$select public.approve_ai_draft(%L, 'user:b')$$, :'d'), 'P0002', 'draft_not_found', 'B''s console: draft_not_found');
reset role;

-- TEST: the Slack path with another account.
select tests.act_as('revenue_worker', null);
select throws_ok(format($$select public.approve_ai_draft(%L, 'slack:U0BRAVO01', null, null, null, %L)$$, :'d', :'b'), 'P0002', 'draft_not_found',
  'p_account_id of another account: draft_not_found');
reset role;

-- TEST: the right account may approve.
select tests.act_as('revenue_worker', null);
select is(public.approve_ai_draft(:'d', 'slack:U0ALPHA01', null, null, null, :'a', :'now') ->> 'outcome', 'approved', 'the right p_account_id: approved');
reset role;
select is((select count(*)::int from public.touch_runs where lead_id = :'l'), 1, 'one touch');

select * from finish();
rollback;
