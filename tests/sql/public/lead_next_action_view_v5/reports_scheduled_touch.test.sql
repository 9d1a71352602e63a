-- Rule 2, a pending touch: the demo's case (issue 13). Outside the send window the
-- orchestrator schedules step 1's SMS for 08:00 local and moves the enrollment to
-- step 2 (voice, due 08:10). The SMS goes first, so the view reports it: its
-- channel, its time and a reason naming it, not step 2.
-- p_now = 06:00 in New York; the lead has a Miami (305) phone.
begin;
select plan(7);

select tests.local_at(1, '06:00') as now \gset
select tests.local_at(1, '08:00') as eight \gset
select tests.local_at(1, '08:10') as eight_ten \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a', 'autos_outbound_miami', true) as c \gset
select tests.create_step(:'a', :'c', 1, 'sms', 0);
select tests.create_step(:'a', :'c', 2, 'voice', 10);
select tests.create_lead(:'a', '+13055550100') as l \gset
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz - interval '1 minute');

create temp table tick on commit drop as
  select * from public.run_touch_orchestrator(p_now => :'now');
select touch_run_id as t from tick \gset

-- TEST: the set-up is the demo's: a scheduled SMS at 08:00, step 2 voice due at 08:10.
select results_eq(
  format($$select status, channel::text, scheduled_at from public.touch_runs where id = %L$$, :'t'),
  format($$values ('scheduled'::text, 'sms'::text, %L::timestamptz)$$, :'eight'),
  'the orchestrator scheduled step 1''s SMS for 08:00 local');
select results_eq(
  format($$select current_step, next_step_at from public.campaign_leads where lead_id = %L$$, :'l'),
  format($$values (2, %L::timestamptz)$$, :'eight_ten'),
  'the enrollment moved on to step 2, due 08:10');

-- TEST: the view reports the SMS touch, not step 2.
select results_eq(
  format($$select next_action, campaign_id, next_action_at, recommended_delay_minutes, recommended_channel, effective_channel, reason
           from brain.lead_next_action_at(%L) where lead_id = %L$$, :'now', :'l'),
  format($$values ('send'::text, %L::uuid, %L::timestamptz, 120, 'sms'::text, 'sms'::text, %L::text)$$,
         :'c', :'eight', 'touch_scheduled:' || :'t'),
  'send on sms at 08:00, reason touch_scheduled:<touch id>');
select isnt(
  (select recommended_channel from brain.lead_next_action_at(:'now') where lead_id = :'l'),
  'voice', 'step 2''s voice call is not reported while the SMS is pending');

-- TEST: once the SMS is out, the next step is reported again.
update public.touch_runs set status = 'sending' where id = :'t';
update public.touch_runs set status = 'sent' where id = :'t';
select results_eq(
  format($$select next_action, next_action_at, recommended_channel, reason
           from brain.lead_next_action_at(%L) where lead_id = %L$$, :'eight'::timestamptz + interval '1 minute', :'l'),
  format($$values ('send'::text, %L::timestamptz, 'voice'::text, 'campaign_step_pending'::text)$$, :'eight_ten'),
  'a sent touch does not count: step 2 by voice at 08:10');

-- TEST: the view reads the same decision at now() (tenant-scoped, as the console reads it).
select is(
  (select reason from public.lead_next_action_view_v5 where lead_id = :'l'),
  (select reason from brain.lead_next_action_at(now()) where lead_id = :'l'),
  'the view is the function at now()');
select tests.create_touch(:'a', :'l', :'c', 3, 'whatsapp', 1, now() - interval '1 minute') as t3 \gset
select tests.act_as('revenue_api', :'a');
select results_eq(
  format($$select next_action, effective_channel, reason from public.lead_next_action_view_v5 where lead_id = %L$$, :'l'),
  format($$values ('send'::text, 'whatsapp'::text, %L::text)$$, 'touch_scheduled:' || :'t3'),
  'the API role reads the pending touch through lead_next_action_view_v5');

select * from finish();
rollback;
