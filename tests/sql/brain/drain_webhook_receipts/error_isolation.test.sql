-- A receipt whose processing raises is rolled back alone, keeps its error and
-- attempts, backs off, and after five attempts stops being retried until
-- retry_webhook_receipt; the receipts behind it (same lead too) go on.
begin;
select plan(10);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900', '+13055550901');

create function pg_temp.receive(p_account uuid, p_id text, p_from text, p_body text, p_channel text default 'sms') returns text
language sql as $$
  select public.receive_webhook(p_account, 'twilio', 'message:' || p_id, 'inbound_sms', 'inbound_message', 'phone:' || p_from,
    jsonb_build_object('provider', 'twilio', 'event_id', p_id, 'channel', p_channel, 'from', p_from, 'to', '+13055550900', 'body', p_body))
$$;

select pg_temp.receive(:'a', 'SM-1', '+13055550101', 'hello');
select pg_temp.receive(:'a', 'SM-2', '+13055550101', 'hello by fax', 'fax');
select pg_temp.receive(:'a', 'SM-3', '+13055550101', 'still there?');

-- TEST: two applied, one failed (the batch, tried whole first, was applied again one by one).
select is((select brain.drain_webhook_receipts() - 'partitions' - 'post_process_jobs' - 'tagged_by_rules'),
          '{"claimed": 3, "processed": 2, "failed": 1, "one_by_one": true, "leads_scored": 1}'::jsonb,
          'claimed 3: processed 2, failed 1, one by one');
select results_eq(
  format($$select idempotency_key, processed_at is not null, attempts, last_error_code from public.webhook_receipts
           where account_id = %L order by seq$$, :'a'),
  $$values ('message:SM-1', true, 1, null::text), ('message:SM-2', false, 1, '22023'), ('message:SM-3', true, 1, null)$$,
  'the failing receipt keeps its error code and attempt; the one behind it (same lead) was applied');
select matches((select last_error from public.webhook_receipts where idempotency_key = 'message:SM-2'),
               '^invalid_argument: channel must be sms or whatsapp', 'the error names the problem');
select is((select count(*)::int from public.inbound_messages where account_id = :'a'), 2, 'two messages, none from the failing receipt');

-- TEST: it backs off: not due now, due later.
select is((select brain.drain_webhook_receipts() ->> 'claimed'), '0', 'backing off: not retried at once');
select is((select brain.drain_webhook_receipts(500, 16, now() + interval '1 hour') ->> 'failed'), '1', 'retried later (and fails again)');

-- TEST: after five attempts it is parked.
select brain.drain_webhook_receipts(500, 16, now() + interval '2 hours');
select brain.drain_webhook_receipts(500, 16, now() + interval '3 hours');
select brain.drain_webhook_receipts(500, 16, now() + interval '4 hours');
select ok((select attempts = 5 and failed_at is not null from public.webhook_receipts where idempotency_key = 'message:SM-2'),
          'five attempts, then failed_at');
select is((select brain.drain_webhook_receipts(500, 16, now() + interval '1 day') ->> 'claimed'), '0', 'a failed receipt is no longer retried');

-- TEST: retry_webhook_receipt makes it due again (visible, retriable).
select ok(brain.retry_webhook_receipt('twilio', 'message:SM-2'), 'retry_webhook_receipt finds it');
select is((select brain.drain_webhook_receipts() ->> 'claimed'), '1', 'due again after a retry');

select finish();
rollback;
