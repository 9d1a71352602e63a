-- Every required argument left null is refused with SQLSTATE 22023 before
-- anything is written: provider, event id and event.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', null, 'ana@example.com') as l \gset
select tests.sent_touch(:'a', :'l', 'email', 'tx-1', :'now') as t \gset

select tests.act_as('revenue_worker', null);
-- TEST: refused.
select throws_ok(format($$select public.ingest_email_event(null, 'mid-1:bounced', 'bounced', 'ana@example.com', 'tx-1', %L)$$, :'t'),
  '22023', null, 'a null provider is refused with 22023');
select throws_ok(format($$select public.ingest_email_event('sink', null, 'bounced', 'ana@example.com', 'tx-1', %L)$$, :'t'),
  '22023', null, 'a null event id is refused with 22023');
select throws_ok(format($$select public.ingest_email_event('sink', 'mid-1:x', null, 'ana@example.com', 'tx-1', %L)$$, :'t'),
  '22023', null, 'a null event is refused with 22023');
reset role;

-- TEST: nothing written.
select results_eq(format($$select t.status, (select count(*)::int from public.webhook_receipts),
                                  (select count(*)::int from public.suppressions)
                           from public.touch_runs t where t.id = %L$$, :'t'),
  $$values ('sent'::text, 0, 0)$$, 'the touch stays sent; no receipt, no suppression');

select * from finish();
rollback;
