-- A lead the job thought valid but find_or_create_lead refuses (here a time zone the
-- server does not know) is rejected with the database's reason; the rest of the
-- chunk is imported once (the undone pass leaves no trace).
begin;
select plan(5);

select tests.create_account() as a \gset
select tests.create_lead_import(:'a') as imp \gset

select tests.act_as('revenue_worker', null);
select status from brain.start_lead_import(:'imp');
create temp table res on commit drop as
select * from brain.record_lead_import_chunk(:'imp', 0, 3, jsonb_build_array(
  tests.import_item(2, '{"source": "csv_import", "phone": "+13055550100"}'),
  tests.import_item(3, '{"source": "csv_import", "phone": "+13055550101", "timezone": "Mars/Olympus_Mons"}'),
  tests.import_item(4, '{"source": "csv_import", "phone": "+13055550102"}')));
reset role;

-- TEST: outcome.
select row_eq($$select rows_done, rows_imported, rows_duplicate, rows_rejected from public.lead_imports$$,
  row(3, 2, 0, 1), 'two imported, one rejected');
select is((select reasons from public.lead_import_rejects where row_number = 3),
  array['refused by the database: timezone "Mars/Olympus_Mons" is not a time zone known to the server'],
  'the rejected row carries the database''s reason');
select is((select raw from public.lead_import_rejects where row_number = 3), '[]'::jsonb, 'and the row as the job sent it');
select set_eq($$select phone::text from public.leads$$, array['+13055550100', '+13055550102'], 'the other rows are imported');
select is((select count(*)::int from public.lead_events), 2, 'one lead event each: the undone pass left nothing');

select * from finish();
rollback;
