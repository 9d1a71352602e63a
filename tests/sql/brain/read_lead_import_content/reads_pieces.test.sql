-- The job reads the stored file in pieces: characters (not bytes) after an offset, an
-- empty piece past the end, null once the import has ended and its file is cleared.
begin;
select plan(6);

select tests.create_account() as a \gset
select tests.create_lead_import(:'a', E'phone,city\n+13055550100,São Paulo\n') as imp \gset

select tests.act_as('revenue_worker', null);

-- TEST: pieces.
select is(brain.read_lead_import_content(:'imp', 0, 11), E'phone,city\n', 'the first piece');
select is(brain.read_lead_import_content(:'imp', 24, 9), E'São Paulo', 'an offset counts characters, not bytes');
select is(brain.read_lead_import_content(:'imp', 11, 1000), E'+13055550100,São Paulo\n', 'the last piece is shorter');
select is(brain.read_lead_import_content(:'imp', 34, 1000), '', 'past the end: an empty piece');

-- TEST: ended, bad arguments.
select brain.finish_lead_import(:'imp', null, 'test stop');
select is(brain.read_lead_import_content(:'imp', 0, 10), null, 'an ended import has no file to read');
select throws_ok($$select brain.read_lead_import_content(gen_random_uuid(), -1, 10)$$, '22023', 'invalid_argument', 'a negative offset is refused');
reset role;

select * from finish();
rollback;
