-- Every required argument left null is refused with SQLSTATE 22023 before
-- anything is written: provider, event id and status. (Neither a provider id nor
-- a touch is unknown_message, tested in unknown_message.test.sql.)
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'sms', 'twilio');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.sent_touch(:'a', :'l', 'sms', 'SM-1', :'now') as t \gset

select tests.act_as('revenue_worker', null);
-- TEST: refused.
select throws_ok(format($$select public.ingest_message_status(null, 'SM-1:delivered', 'SM-1', %L, 'delivered')$$, :'t'),
  '22023', null, 'a null provider is refused with 22023');
select throws_ok(format($$select public.ingest_message_status('twilio', null, 'SM-1', %L, 'delivered')$$, :'t'),
  '22023', null, 'a null event id is refused with 22023');
select throws_ok($$select public.ingest_message_status('twilio', 'SM-1:delivered', 'SM-1', null, null)$$,
  '22023', null, 'a null status is refused with 22023');
reset role;

-- TEST: nothing written.
select results_eq(format($$select t.status, m.status, (select count(*)::int from public.webhook_receipts)
                           from public.touch_runs t join public.outbound_messages m on m.touch_run_id = t.id where t.id = %L$$, :'t'),
  $$values ('sent'::text, 'sent'::text, 0)$$, 'the touch and message stay sent; no receipt');

select * from finish();
rollback;
