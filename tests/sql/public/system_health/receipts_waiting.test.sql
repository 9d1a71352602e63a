-- Receipts-first ingest on the dashboard: system_health (and so dashboard_page) shows
-- the caller's account's webhook receipts waiting for the drain and the oldest one's age.
begin;
select plan(5);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select public.receive_webhook(:'a', 'twilio', 'message:SM-a1', 'inbound_sms', 'inbound_message', 'phone:+13055550101',
  '{"provider": "twilio", "event_id": "SM-a1", "channel": "sms", "from": "+13055550101", "to": "+13055550900", "body": "hi"}');
select public.receive_webhook(:'a', 'twilio', 'message:SM-a2', 'inbound_sms', 'inbound_message', 'phone:+13055550102',
  '{"provider": "twilio", "event_id": "SM-a2", "channel": "sms", "from": "+13055550102", "to": "+13055550900", "body": "hi"}');
select public.receive_webhook(:'b', 'twilio', 'message:SM-b1', 'inbound_sms', 'inbound_message', 'phone:+13055550103',
  '{"provider": "twilio", "event_id": "SM-b1", "channel": "sms", "from": "+13055550103", "to": "+13055550900", "body": "hi"}');
update public.webhook_receipts set received_at = now() - interval '90 seconds' where idempotency_key = 'message:SM-a1';
-- A receipt applied synchronously (processed when written) is not waiting.
insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type) values ('voice_gateway', 'outcome:x', :'a', 'outcome');

-- TEST: each account sees its own waiting receipts and the oldest one's age.
select tests.act_as('revenue_api', :'a');
select is((public.system_health() -> 'receipts') - 'oldest_waiting_at'::text,
          '{"waiting": 2, "failed": 0, "oldest_age_s": 90.0}'::jsonb, 'Alpha: two waiting, the oldest 90 s old');
select is(public.dashboard_page(:'a')::jsonb -> 'health' -> 'receipts' ->> 'waiting', '2', 'the dashboard page carries it');
reset role;
select tests.act_as('revenue_analyst', :'b');
select is(public.system_health() -> 'receipts' ->> 'waiting', '1', 'Bravo''s analyst sees Bravo''s one');
reset role;

-- TEST: a failed receipt is counted apart; none waiting reads 0 s.
update public.webhook_receipts set failed_at = now(), attempts = 5 where account_id = :'a';
select tests.act_as('revenue_api', :'a');
select is(public.system_health() -> 'receipts', '{"waiting": 0, "failed": 2, "oldest_waiting_at": null, "oldest_age_s": 0}'::jsonb,
          'failed ones are counted apart; nothing waiting: age 0');
reset role;
select tests.act_as('revenue_api', null);
select is(public.system_health() -> 'receipts' ->> 'waiting', '0', 'no account: 0');
reset role;

select * from finish();
rollback;
