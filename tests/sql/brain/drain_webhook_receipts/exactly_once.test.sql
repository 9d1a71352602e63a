-- Receipts-first ingest: each receipt is applied once, by the drain, in the drain's
-- transaction; a replay is a duplicate receipt; a second drain finds nothing to do.
begin;
select plan(9);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900', '+13055550901');
select tests.create_lead(:'a', '+13055550101', null, 'touched') as l \gset

create function pg_temp.receive(p_account uuid, p_id text, p_from text, p_body text) returns text
language sql as $$
  select public.receive_webhook(p_account, 'twilio', 'message:' || p_id, 'inbound_sms', 'inbound_message', 'phone:' || p_from,
    jsonb_build_object('provider', 'twilio', 'event_id', p_id, 'channel', 'sms', 'from', p_from, 'to', '+13055550900', 'body', p_body))
$$;

-- TEST: a first delivery is received, a replay is a duplicate; nothing is applied yet.
select is(array[pg_temp.receive(:'a', 'SM-1', '+13055550101', 'what time do you open?'),
                pg_temp.receive(:'a', 'SM-2', '+13055550102', 'is it still for sale?'),
                pg_temp.receive(:'a', 'SM-1', '+13055550101', 'what time do you open?'),
                pg_temp.receive(:'a', 'SM-3', '+13055550101', 'thanks')],
          array['received', 'received', 'duplicate', 'received'], 'received, received, duplicate, received');
select is((select count(*)::int from public.inbound_messages where account_id = :'a'), 0, 'the webhook wrote no message');

create temp table drained on commit drop as select brain.drain_webhook_receipts() as r;

-- TEST: the drain applies the three distinct events once.
select is((select r - 'partitions' from drained),
          '{"claimed": 3, "processed": 3, "failed": 0, "post_process_jobs": 3, "tagged_by_rules": 0, "one_by_one": false, "leads_scored": 2}'::jsonb,
          'three claimed, three processed, none failed, as one batch; two leads scored');
select is((select count(*)::int from public.inbound_messages where account_id = :'a'), 3, 'three inbound messages');
select is((select count(*)::int from public.core_memory_events where account_id = :'a' and event_type = 'inbound_message'), 3,
          'three inbound_message events');
select results_eq(
  format($$select idempotency_key, outcome, attempts, processed_at is not null from public.webhook_receipts
           where account_id = %L order by seq$$, :'a'),
  $$values ('message:SM-1', 'recorded', 1, true), ('message:SM-2', 'recorded', 1, true), ('message:SM-3', 'recorded', 1, true)$$,
  'each receipt is processed, outcome recorded, one attempt');
-- TEST: the AI stage's jobs, one per message (queued by the drain, not the trigger).
select is((select count(*)::int from graphile_worker.jobs j join public.inbound_messages m on j.key = 'inbound_post_process:' || m.id
           where m.account_id = :'a'), 3, 'one inbound_post_process job per message');

-- TEST: a second drain has nothing to do; a late replay is still a duplicate.
select is((select brain.drain_webhook_receipts() ->> 'claimed'), '0', 'nothing left to drain');
select is(pg_temp.receive(:'a', 'SM-2', '+13055550102', 'is it still for sale?'), 'duplicate', 'a replay after the drain is a duplicate');

select finish();
rollback;
