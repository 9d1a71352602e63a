-- A status other than sent, delivered or failed is refused; nothing changes.
begin;
select plan(3);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.sent_touch(:'a', :'l', 'sms', 'SM-1', :'now') as t \gset

select tests.act_as('revenue_worker', null);
select throws_ok($$select public.ingest_message_status('sink', 'SM-1:read', 'SM-1', null, 'read')$$, '22023', 'invalid_argument',
  'status read is refused with invalid_argument');
select throws_ok($$select public.ingest_message_status('sink', 'SM-1:queued', 'SM-1', null, 'queued')$$, '22023', 'invalid_argument',
  'status queued (not a delivery report we take) is refused');
reset role;
select results_eq(format($$select t.status, m.status, (select count(*)::int from public.webhook_receipts)
                           from public.touch_runs t join public.outbound_messages m on m.touch_run_id = t.id where t.id = %L$$, :'t'),
  $$values ('sent'::text, 'sent'::text, 0)$$, 'the touch and message stay sent; no receipt');

select * from finish();
rollback;
