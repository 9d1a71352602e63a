-- A negative reply puts the lead in cooldown: wait_cooldown, no touch, and the
-- same step is retried when the cooldown ends (30 days after the reply).
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.create_step(:'a', :'c', 2, 'voice', p_delay_minutes => 60);
select tests.create_lead(:'a', '+13055550101') as l \gset
select :'now'::timestamptz - interval '2 days' as replied \gset
select tests.record_event(:'a', :'l', 'reply_negative', :'replied', 'inbound', 'sms');
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz - interval '1 minute');

create temp table r on commit drop as select * from public.run_touch_orchestrator(p_now => :'now');

-- TEST: wait_cooldown.
select results_eq($$select decision, touch_run_id from r$$, $$values ('wait_cooldown'::text, null::uuid)$$,
  'negative reply 2 days ago: wait_cooldown, no touch');
select is((select count(*)::int from public.touch_runs where lead_id = :'l'), 0, 'no touch_run was created');
select results_eq(
  format($$select status, current_step, next_step_at from public.campaign_leads where lead_id = %L$$, :'l'),
  format($$values ('active'::text, 1, %L::timestamptz)$$, :'replied'::timestamptz + interval '30 days'),
  'the enrollment stays active on step 1, due when the cooldown ends');

-- TEST: not retried before the end.
select is((select count(*)::int from public.run_touch_orchestrator(p_now => :'replied'::timestamptz + interval '30 days' - interval '1 second')), 0,
  'one second before the cooldown ends nothing is due');

-- TEST: at the end the step goes out.
select :'replied'::timestamptz + interval '30 days' as ends \gset
create temp table r2 on commit drop as select * from public.run_touch_orchestrator(p_now => :'ends');
select results_eq($$select step, decision from r2$$, $$values (1, 'queued'::text)$$,
  'at the cooldown''s end step 1 is queued');
select is((select current_step from public.campaign_leads where lead_id = :'l'), 2, 'and the enrollment moves on');

select * from finish();
rollback;
