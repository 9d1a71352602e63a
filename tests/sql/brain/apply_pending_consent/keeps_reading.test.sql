-- The pre-pass keeps its consent reading of each body on the receipt
-- (webhook_receipts.consent), and the drain applies that reading instead of
-- classifying the same text again: the drained messages read exactly as the same
-- texts ingested directly (classified in the apply).
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900', '+13055550901');

create function pg_temp.receive(p_account uuid, p_id text, p_from text, p_body text) returns text
language sql as $$
  select public.receive_webhook(p_account, 'twilio', 'message:' || p_id, 'inbound_sms', 'inbound_message', 'phone:' || p_from,
    jsonb_build_object('provider', 'twilio', 'event_id', p_id, 'channel', 'sms', 'from', p_from, 'to', '+13055550900', 'body', p_body))
$$;

create temp table bodies (n int, body text) on commit drop;
insert into bodies values (1, 'what time do you open?'), (2, 'Yes but stop texting me'), (3, 'STOP ALL'), (4, 'HELP'),
                          (5, 'wrong number'), (6, 'I will stop by on the weekend'), (7, 'precio muy alto');
select pg_temp.receive(:'a', 'SM-' || n, '+1305555020' || n, body) from bodies order by n;

-- TEST: the pre-pass keeps classify_consent's row for each body.
select brain.apply_pending_consent();
select is(
  (select count(*)::int from public.webhook_receipts r join bodies b on r.idempotency_key = 'message:SM-' || b.n
   cross join lateral brain.classify_consent(b.body) c
   where r.account_id = :'a'
     and r.consent is not distinct from jsonb_build_object('kind', c.kind, 'rule', c.rule, 'scope', c.scope, 'needs_review', c.needs_review)),
  7, 'each receipt keeps the reading of its own body');

-- TEST: drained with that reading, each message reads as the same text ingested directly.
select ok((brain.drain_webhook_receipts() ->> 'processed') = '7', 'the drain applies the seven');
select public.ingest_inbound_message('twilio', 'SM-D' || n, 'sms', '+1305555030' || n, '+13055550900', body) from bodies order by n;
select is(
  (select count(*)::int from public.inbound_messages d
   join public.inbound_messages i on i.account_id = d.account_id and i.provider_message_id = 'SM-D' || substr(d.provider_message_id, 4)
   where d.account_id = :'a' and d.provider_message_id ~ '^SM-[0-9]$'
     and (d.keyword, d.consent_rule, d.classification) is not distinct from (i.keyword, i.consent_rule, i.classification)),
  7, 'keyword, consent rule and classification equal the direct ingest''s');

-- TEST: the reading on the receipt is the one applied (the text is not classified again).
select pg_temp.receive(:'a', 'SM-9', '+13055550209', 'hello there');
select brain.apply_pending_consent();
update public.webhook_receipts set consent = '{"kind": "help", "rule": "help_keyword:help", "scope": null, "needs_review": false}'
where account_id = :'a' and idempotency_key = 'message:SM-9';
select brain.drain_webhook_receipts();
select is((select keyword from public.inbound_messages where account_id = :'a' and provider_message_id = 'SM-9'), 'help',
          'the drain applied the kept reading');

select finish();
rollback;
