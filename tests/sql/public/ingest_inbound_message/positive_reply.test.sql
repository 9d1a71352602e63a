-- A positive reply: reply_positive (score 10), the lead moves to high_intent and
-- is assigned; a lead that is not gold gets no call_queue row.
begin;
select plan(5);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
-- Not gold: email but the line type is unknown; and a mobile without email.
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', 'touched') as l \gset
select tests.create_lead(:'a', '+13055550102', null, 'touched') as l_mobile \gset
update public.leads set phone_line_type = 'mobile' where id = :'l_mobile';

create temp table res on commit drop as
select 'l' as k, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'Yes, I am interested. Call me', :'now') as r
union all
select 'mobile', public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+13055550102', '+13055550900', 'sí me interesa', :'now');

-- TEST: classified positive.
select set_eq($$select k, r->>'classification' from res$$, $$values ('l', 'positive'), ('mobile', 'positive')$$,
  'English and Spanish replies are positive');
select results_eq(
  format($$select event_type, score_delta, direction, channel::text, created_at from public.core_memory_events
           where lead_id = %L and event_type = 'reply_positive'$$, :'l'),
  format($$values ('reply_positive'::text, 10, 'inbound'::text, 'sms'::text, %L::timestamptz)$$, :'now'),
  'one reply_positive event, score 10');

-- TEST: high intent.
select set_eq(format($$select id, lead_state from public.leads where id in (%L, %L)$$, :'l', :'l_mobile'),
  format($$values (%L::uuid, 'high_intent'::text), (%L, 'high_intent')$$, :'l', :'l_mobile'), 'both move to high_intent');
select is(
  (select reason from public.lead_events where lead_id = :'l' and new_state = 'high_intent'), 'positive_reply',
  'the move is logged with reason positive_reply');

-- TEST: not gold: no call.
select is((select count(*)::int from public.call_queue where account_id = :'a'), 0,
  'no call_queue row for leads that are not gold (unknown line type; no email)');

select * from finish();
rollback;
