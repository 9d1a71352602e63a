-- The AI inbox's tables keep to their account: revenue_api sees and changes only its
-- account's drafts and personas, and cannot write a draft directly; an analyst's
-- login reads its bound account only, whatever app.account_id says.
begin;
select plan(14);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_lead(:'a', '+13055550101') as lead_a \gset
select tests.create_lead(:'b', '+13055550202') as lead_b \gset
select tests.pending_ai_draft(:'a', :'lead_a', :'now') as draft_a \gset
select tests.pending_ai_draft(:'b', :'lead_b', :'now') as draft_b \gset
insert into public.ai_personas (account_id, name, is_default) values (:'a', 'Ana', true) returning id as persona_a \gset
insert into public.ai_personas (account_id, name, is_default) values (:'b', 'Bea', true) returning id as persona_b \gset

-- TEST: revenue_api of B.
select tests.act_as('revenue_api', :'b');
select results_eq('select id from public.ai_drafts', format('values (%L::uuid)', :'draft_b'), 'ai_drafts: B''s only');
select results_eq('select id from public.ai_personas', format('values (%L::uuid)', :'persona_b'), 'ai_personas: B''s only');
update public.ai_drafts set status = 'rejected', decided_by = 'user:b', decided_at = now() where id = :'draft_a';
update public.ai_personas set name = 'Hijacked' where id = :'persona_a';
select throws_ok(format($$insert into public.ai_personas (account_id, name) values (%L, 'Intruder')$$, :'a'), '42501', null,
  'cannot create a persona in A');
select throws_ok(format($$insert into public.ai_drafts (account_id, lead_id, inbound_message_id, channel, sentiment_tag, body, auto_send_action, auto_send_reason)
                          select account_id, lead_id, inbound_message_id, 'whatsapp', sentiment_tag, 'x', 'needs_review', 'x' from public.ai_drafts where id = %L$$, :'draft_b'),
  '42501', null, 'cannot write a draft directly, even in its own account');
reset role;
select results_eq(format($$select (select status from public.ai_drafts where id = %L), (select name from public.ai_personas where id = %L)$$, :'draft_a', :'persona_a'),
  $$values ('pending'::text, 'Ana'::text)$$, 'B''s updates did not reach A''s draft or persona');

-- TEST: revenue_api without an account sees nothing.
select tests.act_as('revenue_api', null);
select is((select count(*)::int from public.ai_drafts), 0, 'no app.account_id: no drafts');
select is((select count(*)::int from public.ai_personas), 0, 'no app.account_id: no personas');
reset role;

-- TEST: an analyst bound to A.
select 'tap_analyst_' || substr(md5(random()::text), 1, 10) as analyst \gset
create role :"analyst" login in role revenue_analyst;
insert into private.analyst_logins (login, account_id) values (:'analyst', :'a');
set local session authorization :"analyst";
select results_eq('select id from public.ai_drafts', format('values (%L::uuid)', :'draft_a'), 'analyst: A''s drafts');
select results_eq('select id from public.ai_personas', format('values (%L::uuid)', :'persona_a'), 'analyst: A''s personas');
select set_config('app.account_id', :'b', true);
select is((select count(*)::int from public.ai_drafts where account_id = :'b'), 0, 'app.account_id = B: still none of B''s drafts');
select is((select count(*)::int from public.ai_personas where account_id = :'b'), 0, 'app.account_id = B: still none of B''s personas');
select throws_ok(format($$update public.ai_drafts set body = 'x' where id = %L$$, :'draft_a'), '42501', null, 'the analyst cannot change a draft');
select throws_ok(format($$select public.approve_ai_draft(%L, 'analyst')$$, :'draft_a'), '42501', null, 'the analyst cannot approve');
reset session authorization;

-- TEST: the worker sees every account (it runs every account's jobs).
select tests.act_as('revenue_worker', null);
select is((select count(*)::int from public.ai_drafts where id in (:'draft_a', :'draft_b')), 2, 'revenue_worker: both accounts');
reset role;

select * from finish();
rollback;
