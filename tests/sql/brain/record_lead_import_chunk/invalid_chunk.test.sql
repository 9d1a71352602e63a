-- Malformed chunks are refused with 22023 invalid_chunk and change nothing.
begin;
select plan(10);

select tests.create_account() as a \gset
select tests.create_lead_import(:'a') as imp \gset

select tests.act_as('revenue_worker', null);
select status from brain.start_lead_import(:'imp');

-- TEST: shape.
select throws_ok(format($$select brain.record_lead_import_chunk(%L, 0, 1, '{}')$$, :'imp'),
  '22023', 'invalid_chunk', 'rows must be an array');
select throws_ok(format($$select brain.record_lead_import_chunk(%L, 0, 1, '[]')$$, :'imp'),
  '22023', 'invalid_chunk', 'an empty chunk is refused');
select throws_ok(format($$select brain.record_lead_import_chunk(%L, 0, 1, '[{"row": 2}]')$$, :'imp'),
  '22023', 'invalid_chunk', 'an item with neither a lead nor reasons is refused');
select throws_ok(format($$select brain.record_lead_import_chunk(%L, 0, 1, '[{"row": 2, "raw": [], "reasons": []}]')$$, :'imp'),
  '22023', 'invalid_chunk', 'a rejected item needs a reason');
select throws_ok(format($$select brain.record_lead_import_chunk(%L, 0, 1, '[{"lead": {"source": "csv_import", "phone": "+13055550100"}}]')$$, :'imp'),
  '22023', 'invalid_chunk', 'an item needs a row number');
select throws_ok(format($$select brain.record_lead_import_chunk(%L, 0, 1, '[{"row": 1, "raw": [], "reasons": ["x"]}]')$$, :'imp'),
  '22023', 'invalid_chunk', 'row 1 is the header, not a data row');

-- TEST: position.
select throws_ok(format($$select brain.record_lead_import_chunk(%L, 0, 1, '[{"row": 2, "raw": [], "reasons": ["x"]}, {"row": 3, "raw": [], "reasons": ["x"]}]')$$, :'imp'),
  '22023', 'invalid_chunk', 'rows past the end of the file are refused');
select brain.record_lead_import_chunk(:'imp', 0, 3, '[{"row": 2, "raw": [], "reasons": ["x"]}]');
select throws_ok(format($$select brain.record_lead_import_chunk(%L, 1, 4, '[{"row": 3, "raw": [], "reasons": ["x"]}]')$$, :'imp'),
  '22023', 'invalid_chunk', 'a rows_total different from the recorded one is refused');
select throws_ok($$select brain.record_lead_import_chunk(gen_random_uuid(), 0, 1, '[{"row": 2, "raw": [], "reasons": ["x"]}]')$$,
  'P0002', 'lead_import_not_found', 'an unknown import');
reset role;

-- TEST: unchanged.
select is((select rows_done from public.lead_imports), 1, 'only the valid chunk counted');

select * from finish();
rollback;
