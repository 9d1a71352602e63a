-- An import keeps the planner's statistics of leads fresh: a chunk that takes the
-- import's new leads past 1000 analyzes the table; a smaller step does not. Only the
-- worker may call it.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.create_lead_import(:'a') as imp \gset
create temp table chunk on commit drop as
select c, jsonb_agg(tests.import_item(i + 2, jsonb_build_object('source', 'csv_import', 'email', 'a' || i || '@example.com')) order by i) as rows
from generate_series(0, 1199) i, lateral (select case when i < 600 then 1 else 2 end as c) x
group by c;
grant select on chunk to revenue_worker;
select (select reltuples from pg_class where oid = 'public.leads'::regclass) as before \gset

select tests.act_as('revenue_worker', null);
select status from brain.start_lead_import(:'imp');
select applied from brain.record_lead_import_chunk(:'imp', 0, 1200, (select rows from chunk where c = 1));
reset role;
-- TEST: below the threshold.
select is((select reltuples from pg_class where oid = 'public.leads'::regclass), :'before'::real,
  '600 new leads: the statistics are left to autovacuum');

select tests.act_as('revenue_worker', null);
select applied from brain.record_lead_import_chunk(:'imp', 600, 1200, (select rows from chunk where c = 2));
reset role;
-- TEST: past 1000.
select cmp_ok((select reltuples from pg_class where oid = 'public.leads'::regclass), '>=', 1200::real,
  'past 1000 new leads the table is analyzed: the planner counts them');
select is((select rows_imported from public.lead_imports where id = :'imp'), 1200, 'and every row is imported');

-- TEST: who.
select tests.act_as('revenue_api', :'a');
select throws_ok('select private.analyze_leads(true)', '42501', null, 'the API role cannot call it');
reset role;

select * from finish();
rollback;
