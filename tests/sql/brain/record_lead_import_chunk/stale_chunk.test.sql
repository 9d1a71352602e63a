-- A chunk is applied once: a retried job (or a second copy of it) that sends a chunk
-- the import has already passed changes nothing and learns where the cursor is.
begin;
select plan(7);

select tests.create_account() as a \gset
select tests.create_lead_import(:'a') as imp \gset
select tests.create_lead_import(:'a') as queued \gset

select tests.act_as('revenue_worker', null);
select status from brain.start_lead_import(:'imp');
create temp table chunk on commit drop as
select jsonb_build_array(
  tests.import_item(2, '{"source": "csv_import", "phone": "+13055550100"}'),
  tests.import_item(3, '{"source": "csv_import", "phone": "+13055550101"}'),
  tests.import_reject(4, array['phone: not a valid phone number (too_short)'])) as rows;
create temp table first on commit drop as
select * from brain.record_lead_import_chunk(:'imp', 0, 5, (select rows from chunk));
create temp table again on commit drop as
select * from brain.record_lead_import_chunk(:'imp', 0, 5, (select rows from chunk));
reset role;

-- TEST: the replay.
select is((select applied from first), true, 'the first copy is applied');
select row_eq($$select status, rows_done, applied from again$$, row('running'::text, 3, false),
  'the replayed chunk is not applied and reports the cursor (3)');
select row_eq($$select rows_done, rows_imported, rows_duplicate, rows_rejected from public.lead_imports where id = $$ || quote_literal(:'imp'),
  row(3, 2, 0, 1), 'the counts are those of one application');
select is((select count(*)::int from public.leads where account_id = :'a'), 2, 'no lead is imported twice');
select is((select count(*)::int from public.lead_events where account_id = :'a'), 2, 'nor matched a second time');
select is((select count(*)::int from public.lead_import_rejects), 1, 'nor a reject stored twice');

-- TEST: not running.
select tests.act_as('revenue_worker', null);
select row_eq(
  format($$select status, rows_done, applied from brain.record_lead_import_chunk(%L, 0, 1, '[{"row": 2, "raw": [], "reasons": ["x"]}]')$$, :'queued'),
  row('queued'::text, 0, false), 'an import that has not been started takes no chunk');
reset role;

select * from finish();
rollback;
