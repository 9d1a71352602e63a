-- A batch is applied whole first; when one receipt raises, everything the whole try
-- did is undone and the batch is applied again one receipt per subtransaction: the
-- others' effects exist exactly once, the failing one leaves none (no message, event,
-- lead_events row, job or priority score), and it keeps its error and backs off.
begin;
select plan(9);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900', '+13055550901');
select tests.create_lead(:'a', '+13055550101', null, 'touched') as l1 \gset
select tests.create_lead(:'a', '+13055550102', null, 'touched') as l2 \gset
select tests.create_lead(:'a', '+13055550103', null, 'touched') as l3 \gset
update public.leads set priority_scored_at = now() - interval '2 days' where account_id = :'a';

create function pg_temp.receive(p_account uuid, p_id text, p_from text, p_body text, p_channel text default 'sms') returns text
language sql as $$
  select public.receive_webhook(p_account, 'twilio', 'message:' || p_id, 'inbound_sms', 'inbound_message', 'phone:' || p_from,
    jsonb_build_object('provider', 'twilio', 'event_id', p_id, 'channel', p_channel, 'from', p_from, 'to', '+13055550900', 'body', p_body))
$$;

select pg_temp.receive(:'a', 'SM-1', '+13055550101', 'hello');
select pg_temp.receive(:'a', 'SM-2', '+13055550102', 'yes call me');
-- Lead 3's only receipt fails (no such channel), after the others were applied in the whole try.
select pg_temp.receive(:'a', 'SM-3', '+13055550103', 'hello by fax', 'fax');
select pg_temp.receive(:'a', 'SM-4', '+13055550101', 'still there?');

-- TEST: a clean batch needs no fallback; this one falls back and isolates the failure.
select is((select brain.drain_webhook_receipts() - 'partitions'),
          '{"claimed": 4, "processed": 3, "failed": 1, "one_by_one": true, "leads_scored": 2, "post_process_jobs": 3, "tagged_by_rules": 0}'::jsonb,
          'one by one after the whole try failed: 3 processed, 1 failed, 2 leads scored, 3 jobs');

-- TEST: the applied receipts' effects exist once each, none of the failing one's.
select results_eq(
  format($$select provider_message_id from public.inbound_messages where account_id = %L order by received_at, provider_message_id$$, :'a'),
  $$values ('SM-1'), ('SM-2'), ('SM-4')$$, 'one message per applied receipt, none for the failing one');
select is((select count(*)::int from public.core_memory_events where account_id = :'a' and event_type = 'inbound_message'), 3,
          'three inbound_message events');
select is((select count(*)::int from public.lead_events where account_id = :'a' and event_type = 'lead_matched'), 3,
          'three lead_matched rows: the undone whole try left none');
select is((select count(*)::int from graphile_worker.jobs j join public.inbound_messages m on j.key = 'inbound_post_process:' || m.id
           where m.account_id = :'a'), 3, 'one inbound_post_process job per applied message');

-- TEST: the failing receipt's lead is untouched; the others are scored now.
select results_eq(
  format($$select lead_state, priority_scored_at = now() from public.leads where account_id = %L order by phone$$, :'a'),
  $$values ('responded', true), ('high_intent', true), ('touched', false)$$,
  'leads 1 and 2 moved and scored; lead 3 (failing receipt) neither');

-- TEST: the failing receipt keeps its error, one attempt and a back-off; the others are processed once.
select results_eq(
  format($$select idempotency_key, processed_at is not null, attempts, last_error_code, next_attempt_at > now()
           from public.webhook_receipts where account_id = %L order by seq$$, :'a'),
  $$values ('message:SM-1', true, 1, null::text, null::boolean), ('message:SM-2', true, 1, null, null),
           ('message:SM-3', false, 1, '22023', true), ('message:SM-4', true, 1, null, null)$$,
  'SM-3 failed alone: its error, attempt 1, backing off; the others processed with one attempt');

-- TEST: a later clean batch goes through whole.
select pg_temp.receive(:'a', 'SM-5', '+13055550102', 'thanks');
select is((select brain.drain_webhook_receipts() ->> 'one_by_one'), 'false', 'the next clean batch is applied whole');
select is((select count(*)::int from public.inbound_messages where account_id = :'a'), 4, 'and its message recorded');

select finish();
rollback;
