-- Receipts are applied in arrival order per ordering key: STOP then START leaves the
-- phone subscribed; START then STOP leaves it suppressed.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900', '+13055550901');
select tests.create_lead(:'a', '+13055550101', null, 'touched') as l1 \gset
select tests.create_lead(:'a', '+13055550102', null, 'touched') as l2 \gset

create function pg_temp.receive(p_account uuid, p_id text, p_from text, p_body text) returns text
language sql as $$
  select public.receive_webhook(p_account, 'twilio', 'message:' || p_id, 'inbound_sms', 'inbound_message', 'phone:' || p_from,
    jsonb_build_object('provider', 'twilio', 'event_id', p_id, 'channel', 'sms', 'from', p_from, 'to', '+13055550900', 'body', p_body))
$$;

select pg_temp.receive(:'a', 'SM-1', '+13055550101', 'STOP');
select pg_temp.receive(:'a', 'SM-2', '+13055550102', 'START');
select pg_temp.receive(:'a', 'SM-3', '+13055550101', 'START');
select pg_temp.receive(:'a', 'SM-4', '+13055550102', 'STOP');
-- Small batches: the order must hold across batches too.
select brain.drain_webhook_receipts(1);
select brain.drain_webhook_receipts(1);
select brain.drain_webhook_receipts(1);
select brain.drain_webhook_receipts(1);

-- TEST: STOP then START: subscribed again.
select is((select count(*)::int from public.suppressions where account_id = :'a' and phone = '+13055550101' and lifted_at is null), 0,
          'STOP then START: no active suppression');
-- TEST: START (not opted out: a plain reply) then STOP: suppressed.
select is((select count(*)::int from public.suppressions where account_id = :'a' and phone = '+13055550102' and lifted_at is null), 3,
          'START then STOP: suppressed for sms, whatsapp and voice');
select results_eq(
  format($$select m.keyword from public.inbound_messages m
           join public.webhook_receipts r on r.provider = 'twilio' and r.idempotency_key = 'message:' || m.provider_message_id
           where m.account_id = %L and m.lead_id = %L order by r.processed_at$$, :'a', :'l1'),
  $$values ('opt_out'), ('opt_in')$$, 'the first lead''s messages, in the order they were applied: opt_out, then opt_in');
-- TEST: processed in seq order per key.
select is((select count(*)::int from (
             select processed_at < lag(processed_at) over (partition by ordering_key order by seq) as backwards
             from public.webhook_receipts where account_id = :'a') x where backwards), 0,
          'no receipt was processed before an earlier one of its key');

select finish();
rollback;
