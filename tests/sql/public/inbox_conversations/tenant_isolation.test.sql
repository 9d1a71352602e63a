-- Row-level security through the view: each account sees its own conversations, an
-- API session without an account sees none, the worker sees all.
begin;
select plan(5);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_lead(:'a', '+13055550401') as la \gset
select tests.create_lead(:'b', '+13055550401') as lb \gset
select tests.pending_ai_draft(:'a', :'la', now(), 'For A only') as da \gset
select tests.inbound_message(:'b', :'lb', 'B asks', now() - interval '1 minute');

-- TEST: account B sees none of A's rows.
select tests.act_as('revenue_api', :'b');
select results_eq($$select lead_id, body, draft_id from public.inbox_conversations$$,
  format($$values (%L::uuid, 'B asks'::text, null::uuid)$$, :'lb'), 'revenue_api of B: B''s conversation only');
select is_empty(format('select 1 from public.inbox_conversations where lead_id = %L or draft_id = %L', :'la', :'da'),
  'revenue_api of B: nothing of A, not even by id');
reset role;

select tests.act_as('revenue_analyst', :'a');
select results_eq($$select lead_id, draft_body from public.inbox_conversations$$,
  format($$values (%L::uuid, 'For A only'::text)$$, :'la'), 'revenue_analyst of A: A''s conversation and draft');
reset role;

select tests.act_as('revenue_api', null);
select is_empty($$select * from public.inbox_conversations$$, 'revenue_api without app.account_id: nothing');
reset role;

-- TEST: the worker sees every account.
select tests.act_as('revenue_worker', null);
select is((select count(*)::int from public.inbox_conversations where lead_id in (:'la', :'lb')), 2, 'revenue_worker: both');
reset role;

select * from finish();
rollback;
