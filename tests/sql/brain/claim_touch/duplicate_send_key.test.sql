-- The intent is recorded once: if outbound_messages already holds the touch's
-- send_key (it was already sent), the touch is canceled duplicate_send_key and
-- nothing else is sent.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz - interval '1 hour');
insert into public.outbound_messages (account_id, lead_id, campaign_id, channel, send_key, provider, status, to_address, body, sent_at)
values (:'a', :'l', :'c', 'sms', brain.send_key(:'l', :'c', 1, 'sms', 1), 'sink', 'sent', '+13055550101', 'sent before',
        :'now'::timestamptz - interval '1 day')
returning id as earlier \gset
select tests.create_touch(:'a', :'l', :'c', 1, 'sms', 1, :'now'::timestamptz - interval '1 hour') as t \gset

-- TEST: canceled duplicate_send_key.
select is(brain.claim_touch(:'t', null, :'now'),
  jsonb_build_object('outcome', 'canceled', 'reason', 'duplicate_send_key', 'touch_run_id', :'t'),
  'the intent exists: canceled, duplicate_send_key');
select results_eq(
  format($$select status, error_code, send_key from public.touch_runs where id = %L$$, :'t'),
  format($$values ('canceled'::text, 'duplicate_send_key'::text, %L::text)$$, brain.send_key(:'l', :'c', 1, 'sms', 1)),
  'the touch is canceled and names the send_key');

-- TEST: nothing else is sent.
select results_eq(
  format($$select id, status, body, touch_run_id from public.outbound_messages where lead_id = %L$$, :'l'),
  format($$values (%L::uuid, 'sent'::text, 'sent before'::text, null::uuid)$$, :'earlier'),
  'the only outbound row is the earlier one, unchanged');

-- TEST: a different attempt of the same step is a different intent (control).
select is(brain.claim_touch(tests.create_touch(:'a', :'l', :'c', 1, 'sms', 2, :'now'::timestamptz - interval '1 hour'), null, :'now'::timestamptz + interval '5 seconds') ->> 'outcome',
  'claimed', 'attempt 2 has its own send_key and is claimed');
select is((select count(*)::int from public.outbound_messages where lead_id = :'l'), 2, 'two intents in all');

select * from finish();
rollback;
