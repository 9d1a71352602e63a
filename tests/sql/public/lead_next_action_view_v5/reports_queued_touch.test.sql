-- Rule 2, a pending touch: inside the send window the orchestrator queues step 1's
-- SMS; until a worker claims it, the view reports that SMS, due now.
-- p_now = 10:00 in New York; the lead has a Miami (305) phone.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
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

select is((select status from public.touch_runs where id = :'t'), 'queued', 'the orchestrator queued the SMS');

-- TEST: the queued SMS is reported, due now.
select results_eq(
  format($$select next_action, campaign_id, next_action_at, recommended_delay_minutes, recommended_channel, effective_channel, reason
           from brain.lead_next_action_at(%L) where lead_id = %L$$, :'now', :'l'),
  format($$values ('send'::text, %L::uuid, %L::timestamptz, 0, 'sms'::text, 'sms'::text, %L::text)$$,
         :'c', :'now', 'touch_queued:' || :'t'),
  'send on sms now, reason touch_queued:<touch id>');

-- TEST: a queued touch that slipped past its time is still reported, due now.
select results_eq(
  format($$select next_action_at, recommended_delay_minutes, reason from brain.lead_next_action_at(%L) where lead_id = %L$$,
         :'now'::timestamptz + interval '5 minutes', :'l'),
  format($$values (%L::timestamptz, 0, %L::text)$$, :'now'::timestamptz + interval '5 minutes', 'touch_queued:' || :'t'),
  'overdue: next_action_at is p_now');

-- TEST: claimed (sending) is no longer pending: the next step is reported.
update public.touch_runs set status = 'sending' where id = :'t';
select results_eq(
  format($$select recommended_channel, reason from brain.lead_next_action_at(%L) where lead_id = %L$$, :'now', :'l'),
  $$values ('voice'::text, 'campaign_step_pending'::text)$$,
  'once claimed, step 2 (voice) is next');

select * from finish();
rollback;
