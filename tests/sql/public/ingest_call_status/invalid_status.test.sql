-- An unknown call status is refused; nothing changes.
begin;
select plan(2);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.sent_touch(:'a', :'l', 'voice', 'CA-1', :'now') as t \gset

select tests.act_as('revenue_worker', null);
select throws_ok($$select public.ingest_call_status('sink', 'CA-1:voicemail', 'CA-1', null, 'voicemail')$$, '22023', 'invalid_argument',
  'status voicemail is refused with invalid_argument');
reset role;
select results_eq(format($$select status, (select count(*)::int from public.webhook_receipts) from public.touch_runs where id = %L$$, :'t'),
  $$values ('sent'::text, 0)$$, 'the touch stays sent; no receipt');

select * from finish();
rollback;
