-- A bare "Yes" or "START" from a sender who is not opted out is an answer, not a
-- re-subscribe: it is classified like any reply (Yes is positive), moves the lead
-- to responded and pauses its cadence; no opt_in event, no confirmation. Only a
-- suppressed sender's YES re-subscribes.
begin;
select plan(9);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as l_yes \gset
select tests.create_lead(:'a', '+13055550102', p_lead_state => 'touched') as l_start \gset
select tests.create_lead(:'a', '+13055550103', p_lead_state => 'touched') as l_opted_out \gset
select tests.create_campaign(:'a') as c \gset
select tests.enroll(:'a', :'c', :'l_yes', :'now'::timestamptz + interval '1 day');
select tests.create_touch(:'a', :'l_yes', :'c', 2, 'sms', 1, :'now'::timestamptz + interval '1 day') as t_next \gset
insert into public.suppressions (account_id, phone, reason, source, lead_id, created_at)
values (:'a', '+13055550103', 'opt_out_keyword', 'inbound_sms', :'l_opted_out', :'now'::timestamptz - interval '1 day');

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 'yes' as k, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'Yes', :'now') as r
union all
select 'start', public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+13055550102', '+13055550900', 'START', :'now')
union all
select 'opted_out', public.ingest_inbound_message('twilio', 'SM-3', 'sms', '+13055550103', '+13055550900', 'YES', :'now');
reset role;

-- TEST: classified as replies.
select set_eq($$select k, r->>'keyword' as keyword, r->>'classification' as classification from res where k in ('yes', 'start')$$,
  $$values ('yes', 'opt_in', 'positive'), ('start', 'opt_in', 'neutral')$$,
  'keyword opt_in, but classified as a reply: Yes positive, START neutral');
select set_eq(format($$select lead_id, classification from public.inbound_messages where lead_id in (%L, %L)$$, :'l_yes', :'l_start'),
  format($$values (%L::uuid, 'positive'::text), (%L, 'neutral')$$, :'l_yes', :'l_start'),
  'the stored messages carry the reply classification, not keyword');

-- TEST: a reply's effects.
select is((select lead_state from public.leads where id = :'l_start'), 'responded', 'START from a subscribed lead: responded');
select is((select lead_state from public.leads where id = :'l_yes'), 'high_intent', 'Yes: responded, then high_intent (a positive reply)');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l_yes' and event_type = 'reply_positive'), 1,
  'Yes records reply_positive');
select results_eq(
  format($$select (select status from public.campaign_leads where lead_id = %1$L), (select status from public.touch_runs where id = %2$L)$$,
         :'l_yes', :'t_next'),
  $$values ('paused'::text, 'canceled'::text)$$, 'the cadence waits for a human: enrollment paused, pending touch canceled');

-- TEST: not a re-subscribe.
select is(
  (select count(*)::int from public.core_memory_events where lead_id in (:'l_yes', :'l_start') and event_type = 'opt_in')
  + (select count(*)::int from public.touch_runs where lead_id in (:'l_yes', :'l_start') and payload->'meta'->>'source' = 'opt_in_confirmation'),
  0, 'no opt_in event and no opt-in confirmation for a lead that never opted out');

-- TEST: the opted-out sender's YES does re-subscribe.
select is((select r->>'classification' from res where k = 'opted_out'), 'keyword', 'YES from an opted-out sender is the keyword');
select results_eq(
  format($$select (select lifted_reason from public.suppressions where lead_id = %1$L),
                  (select count(*)::int from public.touch_runs where lead_id = %1$L and payload->'meta'->>'source' = 'opt_in_confirmation')$$,
         :'l_opted_out'),
  $$values ('opt_in_keyword'::text, 1)$$, 'its suppression is lifted and one opt-in confirmation is queued');

select * from finish();
rollback;
