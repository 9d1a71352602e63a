-- Every required argument left null is refused with SQLSTATE 22023 before
-- anything is written: provider, event id and status.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.sent_touch(:'a', :'l', 'voice', 'CA-1', :'now') as t \gset

select tests.act_as('revenue_worker', null);
-- TEST: refused.
select throws_ok(format($$select public.ingest_call_status(null, 'CA-1:completed', 'CA-1', %L, 'completed', 30)$$, :'t'),
  '22023', null, 'a null provider is refused with 22023');
select throws_ok(format($$select public.ingest_call_status('sink', null, 'CA-1', %L, 'completed', 30)$$, :'t'),
  '22023', null, 'a null event id is refused with 22023');
select throws_ok(format($$select public.ingest_call_status('sink', 'CA-1:x', 'CA-1', %L, null)$$, :'t'),
  '22023', null, 'a null status is refused with 22023');
reset role;

-- TEST: nothing written.
select results_eq(format($$select t.status, (select count(*)::int from public.webhook_receipts),
                                  (select count(*)::int from public.core_memory_events where event_type = 'call_answered')
                           from public.touch_runs t where t.id = %L$$, :'t'),
  $$values ('sent'::text, 0, 0)$$, 'the touch stays sent; no receipt, no call_answered');

select * from finish();
rollback;
