-- An import ends done only when every row is processed, or failed with a reason; the
-- stored file is cleared either way, and a second finish changes nothing.
begin;
select plan(10);

select tests.create_account() as a \gset
select tests.create_lead_import(:'a') as imp \gset
select tests.create_lead_import(:'a') as bad \gset
select tests.create_lead_import(:'a', E'phone\n') as empty \gset

select tests.act_as('revenue_worker', null);
select status from brain.start_lead_import(:'imp');
select applied from brain.record_lead_import_chunk(:'imp', 0, 2,
  jsonb_build_array(tests.import_item(2, '{"source": "csv_import", "phone": "+13055550100"}')));

-- TEST: done.
select throws_ok(format($$select brain.finish_lead_import(%L, 2)$$, :'imp'), '22023', 'lead_import_incomplete',
  'not done while rows remain');
select applied from brain.record_lead_import_chunk(:'imp', 1, 2,
  jsonb_build_array(tests.import_item(3, '{"source": "csv_import", "phone": "+13055550101"}')));
select is(brain.finish_lead_import(:'imp', 2, null, '2026-11-20 11:00+00'), 'done', 'done when every row is processed');
select row_eq(format($$select status, content, finished_at, rows_total from public.lead_imports where id = %L$$, :'imp'),
  row('done'::text, null::text, '2026-11-20 11:00+00'::timestamptz, 2), 'the file is cleared, finished_at set');
select is(brain.finish_lead_import(:'imp', null, 'late error'), 'done', 'a later finish changes nothing');
select is((select error from public.lead_imports where id = :'imp'), null, 'not even the error');

-- TEST: failed.
select is(brain.finish_lead_import(:'bad', null, 'the file has 250,000 rows; the limit is 200,000'), 'failed', 'failed with a reason');
select row_eq(format($$select status, error, content from public.lead_imports where id = %L$$, :'bad'),
  row('failed'::text, 'the file has 250,000 rows; the limit is 200,000'::text, null::text), 'the reason is kept, the file cleared');

-- TEST: no data rows.
select status from brain.start_lead_import(:'empty');
select is(brain.finish_lead_import(:'empty', 0), 'done', 'a header-only file ends done with 0 rows');
select is((select rows_total from public.lead_imports where id = :'empty'), 0, 'rows_total 0');

select throws_ok($$select brain.finish_lead_import(gen_random_uuid(), 0)$$, 'P0002', 'lead_import_not_found', 'an unknown import');
reset role;

select * from finish();
rollback;
