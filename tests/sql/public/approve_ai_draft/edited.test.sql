-- A person may edit the text before approving: the touch carries the edit, the draft
-- keeps it and says it was edited. An edit is checked like an operator's message.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'pat@example.com') as l \gset
select tests.pending_ai_draft(:'a', :'l', :'now', p_channel => 'email') as d \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.pending_ai_draft(:'a', :'l2', :'now') as d2 \gset

-- TEST: a placeholder the lead cannot fill is refused.
select tests.act_as('revenue_api', :'a');
select throws_ok(format($$select public.approve_ai_draft(%L, 'user:x', null, 'Hi {{first_name}}, see you at 10')$$, :'d2'), '22023', 'missing_lead_data',
  'an edit with {{first_name}} for a lead without one: missing_lead_data');
reset role;

-- TEST: the edit is what goes out.
select tests.act_as('revenue_api', :'a');
select public.approve_ai_draft(:'d', 'user:x', null, '  Tuesday at 10 works. See you!  ', 'Your visit on Tuesday', null, :'now') ->> 'touch_run_id' as t \gset
reset role;
select results_eq(format($$select payload -> 'delivery' ->> 'body', payload -> 'delivery' ->> 'subject' from public.touch_runs where id = %L$$, :'t'),
  $$values ('Tuesday at 10 works. See you!'::text, 'Your visit on Tuesday'::text)$$, 'the touch carries the edited body and subject');
select results_eq(format($$select body, subject, decision_reason from public.ai_drafts where id = %L$$, :'d'),
  $$values ('Tuesday at 10 works. See you!'::text, 'Your visit on Tuesday'::text, 'edited before approval'::text)$$,
  'the draft keeps the edit; decision_reason says edited');
select is((select payload ->> 'edited' from public.core_memory_events where lead_id = :'l' and event_type = 'ai_draft_approved'), 'true',
  'the event says edited');

-- TEST: an SMS draft has no subject, whatever is passed.
select tests.act_as('revenue_api', :'a');
select public.approve_ai_draft(:'d2', 'user:x', null, null, 'Ignored subject', null, :'now');
reset role;
select is((select subject from public.ai_drafts where id = :'d2'), null, 'sms: no subject');

select * from finish();
rollback;
