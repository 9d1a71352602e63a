-- Account B never sees account A's imports or rejects, nor writes into A; analysts
-- read progress but not the stored file; the API cannot run the import itself.
begin;
select plan(10);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_lead_import(:'a') as imp \gset
insert into public.lead_import_rejects (account_id, import_id, row_number, raw, reasons)
values (:'a', :'imp', 2, '["x"]', array['phone: not a valid phone number (too_short)']);

-- TEST: account B (API).
select tests.act_as('revenue_api', :'b');
select is((select count(*)::int from public.lead_imports), 0, 'B''s API sees none of A''s imports');
select is((select count(*)::int from public.lead_import_rejects), 0, 'nor their rejects');
select is(public.lead_import_status(:'imp'), null, 'lead_import_status of A''s import is null for B');
select is(public.list_lead_imports(), '[]'::jsonb, 'B''s import list is empty');
select throws_ok(
  format($$insert into public.lead_imports (account_id, file_name, content, content_bytes, columns, column_map)
           values (%L, 'x.csv', 'phone', 5, array['phone'], '{"phone": 0}')$$, :'a'),
  '42501', null, 'B cannot store an import into A');
select throws_ok(
  format($$select * from brain.record_lead_import_chunk(%L, 0, 1, '[{"row": 2, "raw": [], "reasons": ["x"]}]')$$, :'imp'),
  '42501', null, 'the API role cannot record import chunks (only the worker imports)');
reset role;

-- TEST: account A (API and analyst).
select tests.act_as('revenue_api', :'a');
select is((public.lead_import_status(:'imp') ->> 'id'), :'imp', 'A''s API reads its import');
reset role;
select tests.act_as('revenue_analyst', :'a');
select is((public.lead_import_status(:'imp') -> 'rejects' -> 0 ->> 'row')::int, 2, 'A''s analyst reads its progress and rejects');
select throws_ok('select content from public.lead_imports', '42501', null, 'but not the stored file');
reset role;
select tests.act_as('revenue_analyst', :'b');
select is((select count(*)::int from public.lead_import_rejects), 0, 'B''s analyst sees none of A''s rejects');
reset role;

select * from finish();
rollback;
