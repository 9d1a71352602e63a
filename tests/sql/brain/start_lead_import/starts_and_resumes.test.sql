-- The job's first call makes a queued import running; a retried job's call resumes it
-- (same started_at, rows_done where the last chunk ended); an ended import stays ended.
begin;
select plan(9);

select tests.create_account() as a \gset
select tests.create_lead_import(:'a', E'phone,email\n+13055550100,a@example.com\n+13055550101,\n') as imp \gset

select tests.act_as('revenue_worker', null);
create temp table first on commit drop as select * from brain.start_lead_import(:'imp', '2026-11-20 10:00+00');

-- TEST: first start.
select is((select status from first), 'running', 'queued → running');
select row_eq($$select account_id, content, delimiter, column_count, column_map, source, default_country, rows_total, rows_done from first$$,
  row(:'a'::uuid, E'phone,email\n+13055550100,a@example.com\n+13055550101,\n'::text, ','::text, 2, '{"phone": 0, "email": 1}'::jsonb,
      'csv_import'::text, 'US'::text, null::integer, 0),
  'returns what the job needs to read the file');
select is((select started_at from public.lead_imports where id = :'imp'), '2026-11-20 10:00+00'::timestamptz, 'started_at is p_now');

-- TEST: a retry after one chunk.
select applied from brain.record_lead_import_chunk(:'imp', 0, 2,
  jsonb_build_array(tests.import_item(2, '{"source": "csv_import", "phone": "+13055550100"}')));
create temp table second on commit drop as select * from brain.start_lead_import(:'imp', '2026-11-20 10:05+00');
select is((select status from second), 'running', 'a running import stays running');
select is((select rows_done from second), 1, 'and resumes after the committed chunk');
select is((select rows_total from second), 2, 'with the rows_total recorded by that chunk');
select is((select started_at from public.lead_imports where id = :'imp'), '2026-11-20 10:00+00'::timestamptz, 'started_at is kept');

-- TEST: ended, unknown.
select brain.finish_lead_import(:'imp', null, 'test stop');
select row_eq($$select status, content from brain.start_lead_import($$ || quote_literal(:'imp') || $$)$$,
  row('failed'::text, null::text), 'a failed import is returned as it is, without a file');
select is_empty($$select * from brain.start_lead_import(gen_random_uuid())$$, 'an unknown import returns no row');
reset role;

select * from finish();
rollback;
