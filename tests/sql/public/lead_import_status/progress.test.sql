-- Progress for the console: percent from rows_done / rows_total (0 before the job has
-- read the file, 100 when done) and the first rejected rows in file order.
begin;
select plan(8);

select tests.create_account() as a \gset
select tests.create_lead_import(:'a') as imp \gset

select tests.act_as('revenue_api', :'a');
-- TEST: queued.
select is(public.lead_import_status(:'imp') ->> 'status', 'queued', 'queued');
select is((public.lead_import_status(:'imp') -> 'percent')::int, 0, 'percent 0 while rows_total is unknown');
select is(public.lead_import_status(:'imp') -> 'rows_total', 'null'::jsonb, 'rows_total null');
reset role;

select tests.act_as('revenue_worker', null);
select status from brain.start_lead_import(:'imp');
select applied from brain.record_lead_import_chunk(:'imp', 0, 7, jsonb_build_array(
  tests.import_reject(4, array['b']), tests.import_reject(2, array['a1', 'a2']), tests.import_reject(3, array['c'])));
reset role;

-- TEST: running.
select tests.act_as('revenue_api', :'a');
select is((public.lead_import_status(:'imp') -> 'percent')::int, 42, '3 of 7 rows: 42 percent (rounded down)');
select is(public.lead_import_status(:'imp') -> 'rejects',
  '[{"row": 2, "reasons": ["a1", "a2"]}, {"row": 3, "reasons": ["c"]}, {"row": 4, "reasons": ["b"]}]'::jsonb,
  'rejects in file order with their reasons');
select is(public.lead_import_status(:'imp', 2) -> 'rejects' -> 1 ->> 'row', '3', 'p_reject_limit limits the list');
select is(jsonb_array_length(public.lead_import_status(:'imp', 2) -> 'rejects'), 2, 'to that many');
select is(public.lead_import_status(gen_random_uuid()), null, 'an unknown import: null');
reset role;

select * from finish();
rollback;
