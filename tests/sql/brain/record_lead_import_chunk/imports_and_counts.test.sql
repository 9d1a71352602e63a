-- A chunk imports its leads through find_or_create_lead (new → imported, matched →
-- duplicate, also a repeat inside the same file), stores its rejects, and advances
-- the cursor and the counts together.
begin;
select plan(10);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550199', 'old@example.com') as existing \gset
select tests.create_lead_import(:'a') as imp \gset

select tests.act_as('revenue_worker', null);
select status from brain.start_lead_import(:'imp');
create temp table res on commit drop as
select * from brain.record_lead_import_chunk(:'imp', 0, 10, jsonb_build_array(
  tests.import_item(2, '{"source": "csv_import", "phone": "+13055550100", "first_name": "Ana"}'),
  tests.import_reject(3, array['phone: not a valid phone number (too_short)']),
  tests.import_item(4, '{"source": "csv_import", "email": "old@example.com", "city": "Miami"}'),
  tests.import_item(5, '{"source": "csv_import", "email": "bo@example.com"}'),
  tests.import_item(7, '{"source": "csv_import", "phone": "+13055550100"}'),
  tests.import_reject(8, array['no phone or email: a lead needs at least one', 'country: must be an ISO 3166-1 alpha-2 code'])),
  '2026-11-20 10:00+00');
reset role;

-- TEST: the chunk.
select row_eq($$select status, rows_done, applied from res$$, row('running'::text, 6, true), 'applied: rows_done is 6');
select row_eq(
  $$select rows_total, rows_done, rows_imported, rows_duplicate, rows_rejected from public.lead_imports$$,
  row(10, 6, 2, 2, 2), 'rows_total set; 2 imported, 2 duplicates (an existing lead, a repeat in the file), 2 rejected');

-- TEST: the leads.
select is((select count(*)::int from public.leads where account_id = :'a'), 3, 'two new leads beside the existing one');
select is((select first_name from public.leads where phone = '+13055550100'), 'Ana', 'a new lead has its fields');
select is((select city from public.leads where id = :'existing'), 'Miami', 'a matched lead gets the fields it lacked');
select is((select count(*)::int from public.lead_events where actor = 'lead_import:' || :'imp'), 4,
  'every imported or matched row is a lead event whose actor is the import');

-- TEST: the rejects.
select results_eq(
  $$select row_number, reasons from public.lead_import_rejects order by row_number$$,
  $$values (3, array['phone: not a valid phone number (too_short)']),
           (8, array['no phone or email: a lead needs at least one', 'country: must be an ISO 3166-1 alpha-2 code'])$$,
  'each refused row is stored with its row number and every reason');
select is((select raw from public.lead_import_rejects where row_number = 3), '["x"]'::jsonb, 'with the row as read');

-- TEST: the next chunk continues the counts.
select tests.act_as('revenue_worker', null);
select applied from brain.record_lead_import_chunk(:'imp', 6, 10, jsonb_build_array(
  tests.import_item(9, '{"source": "csv_import", "email": "bo@example.com"}'),
  tests.import_item(10, '{"source": "csv_import", "email": "cy@example.com"}'),
  tests.import_item(11, '{"source": "csv_import", "email": "dee@example.com"}'),
  tests.import_reject(12, array['email: Invalid email address'])));
reset role;
select row_eq(
  $$select rows_done, rows_imported, rows_duplicate, rows_rejected from public.lead_imports$$,
  row(10, 4, 3, 3), 'the second chunk adds to the counts: every row is counted once');
select is(brain.finish_lead_import(:'imp', 10), 'done', 'and the import can end done');

select * from finish();
rollback;
