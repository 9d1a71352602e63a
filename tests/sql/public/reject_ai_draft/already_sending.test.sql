-- A draft whose message is on its way (its touch taken by the dispatcher) or sent
-- cannot be taken back: 55000 draft_already_sending.
begin;
select plan(3);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.auto_sent_ai_draft(:'a', :'l', :'now') as sending \gset
select tests.auto_sent_ai_draft(:'a', :'l2', :'now') as sent \gset
update public.touch_runs set status = 'sending' where id in (select touch_run_id from public.ai_drafts where id in (:'sending', :'sent'));
update public.touch_runs set status = 'sent' where id = (select touch_run_id from public.ai_drafts where id = :'sent');

-- TEST: refused.
select tests.act_as('revenue_api', :'a');
select throws_ok(format($$select public.reject_ai_draft(%L, 'user:x')$$, :'sending'), '55000', 'draft_already_sending',
  'its touch is sending: draft_already_sending');
select throws_ok(format($$select public.reject_ai_draft(%L, 'user:x')$$, :'sent'), '55000', 'draft_already_sending',
  'sent: draft_already_sending');
reset role;

-- TEST: the sent draft is sent (the touch's trigger), whatever was asked.
select results_eq(format($$select d.status, t.status from public.ai_drafts d join public.touch_runs t on t.id = d.touch_run_id where d.id = %L$$, :'sent'),
  $$values ('sent'::text, 'sent'::text)$$, 'the sent draft stays sent');

select * from finish();
rollback;
