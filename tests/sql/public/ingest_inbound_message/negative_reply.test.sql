-- A negative reply: reply_negative (score -10), which starts the negative cooldown
-- in lead_suppression_status_v1; the cadence waits like for any reply.
begin;
select plan(5);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as l \gset
select tests.create_campaign(:'a') as c \gset
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz + interval '1 day');

create temp table res on commit drop as
select public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'No gracias, ya lo vendí', :'now') as r;

-- TEST: negative.
select is((select r->>'classification' from res), 'negative', 'classified negative');
select results_eq(
  format($$select score_delta, direction, created_at from public.core_memory_events where lead_id = %L and event_type = 'reply_negative'$$, :'l'),
  format($$values (-10, 'inbound'::text, %L::timestamptz)$$, :'now'), 'one reply_negative event, score -10');

-- TEST: the cooldown.
select results_eq(
  format($$select in_negative_cooldown, negative_cooldown_until, is_unsubscribed from public.lead_suppression_status_v1 where lead_id = %L$$, :'l'),
  format($$values (true, %L::timestamptz, false)$$, :'now'::timestamptz + interval '30 days'),
  'lead_suppression_status_v1: in negative cooldown for 30 days, not unsubscribed');

-- TEST: still a reply.
select is((select status from public.campaign_leads where lead_id = :'l'), 'paused', 'the enrollment is paused');
select is((select count(*)::int from public.call_queue), 0, 'no call');

select * from finish();
rollback;
