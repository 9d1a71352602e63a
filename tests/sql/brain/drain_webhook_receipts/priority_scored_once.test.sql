-- The drain scores each lead once, after its batch (brain.score_leads), instead of at
-- every memory event and state change; the stored priority_score is the one the
-- per-change triggers give: a twin lead sent the same replies through the synchronous
-- ingest (triggers scoring at once) ends with the same score.
begin;
select plan(7);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900', '+13055550901');
select tests.create_lead(:'a', '+13055550101', 'drained@example.com', 'touched') as drained \gset
select tests.create_lead(:'a', '+13055550102', 'twin@example.com', 'touched') as twin \gset
update public.leads set priority_scored_at = now() - interval '2 days' where id in (:'drained', :'twin');

create function pg_temp.receive(p_account uuid, p_id text, p_from text, p_body text) returns text
language sql as $$
  select public.receive_webhook(p_account, 'twilio', 'message:' || p_id, 'inbound_sms', 'inbound_message', 'phone:' || p_from,
    jsonb_build_object('provider', 'twilio', 'event_id', p_id, 'channel', 'sms', 'from', p_from, 'to', '+13055550900', 'body', p_body))
$$;

-- The same three replies: a question (responded, +3), a yes (reply_positive +10, high_intent), a no (-10).
select pg_temp.receive(:'a', 'SM-1', '+13055550101', 'what time do you open?');
select pg_temp.receive(:'a', 'SM-2', '+13055550101', 'yes call me');
select pg_temp.receive(:'a', 'SM-3', '+13055550101', 'not interested');
select public.ingest_inbound_message('twilio', 'SM-T1', 'sms', '+13055550102', '+13055550900', 'what time do you open?');
select public.ingest_inbound_message('twilio', 'SM-T2', 'sms', '+13055550102', '+13055550900', 'yes call me');
select public.ingest_inbound_message('twilio', 'SM-T3', 'sms', '+13055550102', '+13055550900', 'not interested');

-- TEST: one batch, one lead scored once.
select is((select brain.drain_webhook_receipts() - 'partitions' - 'post_process_jobs' - 'tagged_by_rules'),
          '{"claimed": 3, "processed": 3, "failed": 0, "one_by_one": false, "leads_scored": 1}'::jsonb,
          'three receipts of one lead: applied as one batch, the lead scored once');

-- TEST: the drained lead's state and score are the twin's.
select is((select lead_state from public.leads where id = :'drained'), (select lead_state from public.leads where id = :'twin'),
          'same lead state as the twin');
select is((select priority_score from public.leads where id = :'drained'), (select priority_score from public.leads where id = :'twin'),
          'same priority_score as the twin scored at every change');
select is((select priority_score::int from public.leads where id = :'drained'),
          (select brain.lead_priority(st.priority_weight, l.phone, l.phone_line_type, l.email,
                                      (select g.engagement from brain.lead_engagement(l.id, now()) g))
           from public.leads l join public.lead_states st on st.state = l.lead_state where l.id = :'drained'),
          'the score of its final state and events');
select is((select priority_scored_at from public.leads where id = :'drained'), now(), 'scored in this transaction');

-- TEST: after the drain, scoring is immediate again in the same transaction.
select is(current_setting('revenue.defer_priority_score', true), 'off', 'deferral is off after the drain');
select brain.record_event(:'a', :'drained', 'reply_positive', 'test', 'inbound', '{}'::jsonb, 'sms', now(), null, 10);
select is((select priority_score::int from public.leads where id = :'drained'),
          (select brain.lead_priority(st.priority_weight, l.phone, l.phone_line_type, l.email,
                                      (select g.engagement from brain.lead_engagement(l.id, now()) g))
           from public.leads l join public.lead_states st on st.state = l.lead_state where l.id = :'drained'),
          'a scored event after the drain rescored the lead at once');

select finish();
rollback;
