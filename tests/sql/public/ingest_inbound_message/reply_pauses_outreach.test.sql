-- A conversational reply (seed 003 §11 lead_replied): cadences paused, TIMER_*
-- cancelled, pending touches canceled; a new, touched or dead lead moves to responded.
begin;
select plan(9);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as l \gset
select tests.create_lead(:'a', '+13055550102') as l_new \gset
select tests.create_lead(:'a', '+13055550103', p_lead_state => 'touched') as l_dead \gset
update public.leads set lead_state = 'dead' where id = :'l_dead';
select tests.create_campaign(:'a') as c \gset
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz + interval '1 day');
select tests.create_touch(:'a', :'l', :'c', 2, 'sms', 1, :'now'::timestamptz + interval '1 day') as t_next \gset
select tests.create_touch(:'a', :'l', :'c', 2, 'voice', 1, :'now'::timestamptz - interval '5 minutes') as t_due \gset
update public.touch_runs set status = 'queued' where id = :'t_due';
insert into public.lead_timers (account_id, lead_id, timer_type, trigger_at)
select :'a', :'l', x, :'now'::timestamptz + interval '5 days' from unnest(array['TIMER_7D', 'TIMER_14D', 'TIMER_30D']) x;

create temp table res on commit drop as
select 'l' as k, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'Who is this?', :'now') as r
union all select 'new', public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+13055550102', '+13055550900', 'what car?', :'now')
union all select 'dead', public.ingest_inbound_message('twilio', 'SM-3', 'sms', '+13055550103', '+13055550900', 'hmm', :'now');

-- TEST: the result.
select is((select r - 'inbound_message_id' - 'lead_id' - 'account_id' - 'reply_touch_run_id' from res where k = 'l'),
  '{"outcome": "recorded", "lead_created": false, "persona": "initial", "stage": "initial_message", "keyword": "none", "consent_rule": null,
    "classification": "neutral", "touches_canceled": 2, "timers_cancelled": 3, "enrollments_paused": 1}'::jsonb,
  'recorded, neutral, 2 touches canceled, 3 timers cancelled, 1 enrollment paused');

-- TEST: the cadence waits.
select results_eq(format($$select status, stop_reason, paused_at from public.campaign_leads where lead_id = %L$$, :'l'),
  format($$values ('paused'::text, 'lead_replied'::text, %L::timestamptz)$$, :'now'), 'the enrollment is paused: lead_replied');
select set_eq(format($$select id, status, error_code from public.touch_runs where lead_id = %L$$, :'l'),
  format($$values (%L::uuid, 'canceled'::text, 'lead_replied'::text), (%L, 'canceled', 'lead_replied')$$, :'t_next', :'t_due'),
  'scheduled and queued touches are canceled');
select set_eq(format($$select timer_type, cancelled_at from public.lead_timers where lead_id = %L$$, :'l'),
  format($$values ('TIMER_7D'::text, %1$L::timestamptz), ('TIMER_14D', %1$L), ('TIMER_30D', %1$L)$$, :'now'),
  'TIMER_7D/14D/30D are cancelled at the reply''s time');

-- TEST: responded.
select set_eq(format($$select id, lead_state from public.leads where id in (%L, %L, %L)$$, :'l', :'l_new', :'l_dead'),
  format($$values (%L::uuid, 'responded'::text), (%L, 'responded'), (%L, 'responded')$$, :'l', :'l_new', :'l_dead'),
  'touched, new and dead leads move to responded');
select results_eq(
  format($$select previous_state, new_state, reason from public.lead_events where lead_id = %L and new_state = 'responded'$$, :'l_dead'),
  $$values ('dead'::text, 'responded'::text, 'inbound_reply'::text)$$, 'logged with reason inbound_reply');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'inbound_message' and score_delta = 3), 1,
  'the inbound_message event counts as engagement (score 3)');

-- TEST: a neutral reply is neither positive nor negative.
select is((select count(*)::int from public.core_memory_events where event_type in ('reply_positive', 'reply_negative')), 0,
  'no reply_positive or reply_negative');

-- TEST: the last inbound shows in the suppression view (no reactivation while the lead talks).
select is((select last_inbound_at from public.lead_suppression_status_v1 where lead_id = :'l'), :'now'::timestamptz,
  'lead_suppression_status_v1.last_inbound_at is the reply''s time');

select * from finish();
rollback;
