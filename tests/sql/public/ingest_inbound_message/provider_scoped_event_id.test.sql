-- A message id is the provider's: the same id from another provider is another event.
begin;
select plan(3);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');

create temp table res on commit drop as
select 1 as n, public.ingest_inbound_message('twilio', 'MSG-1', 'sms', '+13055550101', '+13055550900', 'hello', :'now') as r;
insert into res select 2, public.ingest_inbound_message('telnyx', 'MSG-1', 'sms', '+13055550101', '+13055550900', 'hello again',
                                                        :'now'::timestamptz + interval '1 minute');

-- TEST: both recorded.
select results_eq($$select r->>'outcome' from res order by n$$, $$values ('recorded'::text), ('recorded')$$,
  'twilio MSG-1 and telnyx MSG-1 are both recorded');
select set_eq($$select provider, idempotency_key from public.webhook_receipts$$,
  $$values ('twilio', 'message:MSG-1'), ('telnyx', 'message:MSG-1')$$, 'one receipt per provider');
select set_eq($$select provider, body from public.inbound_messages$$,
  $$values ('twilio', 'hello'), ('telnyx', 'hello again')$$, 'two inbound messages, one per provider');

select * from finish();
rollback;
