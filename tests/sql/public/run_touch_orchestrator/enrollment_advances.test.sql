-- After a step is started the enrollment moves to the next step, due at the
-- start time plus the next step's delay; after the last step it completes.
begin;
select plan(7);

select tests.local_at(1, '10:00') as p1 \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.create_step(:'a', :'c', 2, 'voice', p_delay_minutes => 60);
select tests.create_step(:'a', :'c', 3, 'whatsapp', p_delay_minutes => 1440);
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.enroll(:'a', :'c', :'l', :'p1'::timestamptz - interval '1 minute');

-- TEST: step 1 started at p1: step 2 due at p1 + 60 min.
select decision from public.run_touch_orchestrator(p_now => :'p1');
select results_eq(
  format($$select status, current_step, next_step_at from public.campaign_leads where lead_id = %L$$, :'l'),
  format($$values ('active'::text, 2, %L::timestamptz)$$, :'p1'::timestamptz + interval '60 minutes'),
  'after step 1: current_step 2, next_step_at = start + 60 minutes');

-- TEST: not due before then.
select is((select count(*)::int from public.run_touch_orchestrator(p_now => :'p1'::timestamptz + interval '59 minutes')), 0,
  'nothing is due 59 minutes later');

-- TEST: step 2 at p1 + 60 min: step 3 due a day later.
select :'p1'::timestamptz + interval '60 minutes' as p2 \gset
select is((select decision from public.run_touch_orchestrator(p_now => :'p2')), 'queued', 'step 2 is started at p1 + 60 min');
select results_eq(
  format($$select status, current_step, next_step_at from public.campaign_leads where lead_id = %L$$, :'l'),
  format($$values ('active'::text, 3, %L::timestamptz)$$, :'p2'::timestamptz + interval '1440 minutes'),
  'after step 2: current_step 3, next_step_at = start + 1440 minutes');

-- TEST: the last step completes the enrollment.
select :'p2'::timestamptz + interval '1440 minutes' as p3 \gset
select decision from public.run_touch_orchestrator(p_now => :'p3');
select results_eq(
  format($$select status, stopped_at, stop_reason from public.campaign_leads where lead_id = %L$$, :'l'),
  format($$values ('completed'::text, %L::timestamptz, 'all_steps_started'::text)$$, :'p3'),
  'after the last step the enrollment is completed');
select results_eq(
  format($$select step, channel::text from public.touch_runs where lead_id = %L order by step$$, :'l'),
  $$values (1, 'sms'::text), (2, 'voice'::text), (3, 'whatsapp'::text)$$,
  'one touch per step, on each step''s channel');

-- TEST: started outside the window, the next step counts from the window start.
select tests.create_lead(:'a', '+13055550102') as l_night \gset
select tests.enroll(:'a', :'c', :'l_night', tests.local_at(3, '22:00') - interval '1 minute');
select decision from public.run_touch_orchestrator(p_now => tests.local_at(3, '22:00'));
select results_eq(
  format($$select current_step, next_step_at from public.campaign_leads where lead_id = %L$$, :'l_night'),
  format($$values (2, %L::timestamptz)$$, tests.local_at(4, '08:00') + interval '60 minutes'),
  'step 1 scheduled for 08:00: step 2 is due at 08:00 + 60 minutes');

select * from finish();
rollback;
