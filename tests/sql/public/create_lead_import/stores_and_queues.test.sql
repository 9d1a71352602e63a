-- An upload is stored for the session's account and queues one import_leads job,
-- keyed by the import, in the account's queue. Nothing is imported by the request.
begin;
select plan(9);

select tests.create_account() as a \gset
select tests.create_user(:'a', 'owner') as u \gset
select tests.create_campaign(:'a') as camp \gset
select tests.create_step(:'a', :'camp', 1, 'sms');

select tests.act_as('revenue_api', :'a');
create temp table res on commit drop as
select * from public.create_lead_import(
  :'u', 'leads.csv', E'Name;Teléfono;Email\nAna;3055550100;ana@example.com\n', 52,
  array['Name', 'Teléfono', 'Email'], '{"full_name": 0, "phone": 1, "email": 2}', ';', 'expo_2026', 'MX', :'camp',
  '2026-11-20 10:00+00');
reset role;

select id as imp from res \gset

-- TEST: the stored import.
select is((select status from res), 'queued', 'returns status queued');
select row_eq(
  $$select account_id, created_by, file_name, status, content_bytes, delimiter, columns, column_map, source,
           default_country, campaign_id, rows_total, rows_done, created_at from public.lead_imports$$,
  row(:'a'::uuid, :'u'::uuid, 'leads.csv'::text, 'queued'::text, 52, ';'::text, array['Name', 'Teléfono', 'Email'],
      '{"full_name": 0, "phone": 1, "email": 2}'::jsonb, 'expo_2026'::text, 'MX'::text, :'camp'::uuid,
      null::integer, 0, '2026-11-20 10:00+00'::timestamptz),
  'the file, its header mapping and options are stored for the session''s account');
select is((select content from public.lead_imports), E'Name;Teléfono;Email\nAna;3055550100;ana@example.com\n', 'the CSV text is stored in the database');

-- TEST: one job.
select is((select count(*)::int from tests.jobs('import_leads')), 1, 'one import_leads job is queued');
select is((select job_key from tests.jobs('import_leads')), 'import_leads:' || :'imp', 'keyed by the import');
select is((select payload->>'import_id' from tests.jobs('import_leads')), :'imp', 'its payload names the import');
select is((select max_attempts::int from tests.jobs('import_leads')), 5, 'with 5 attempts');
select is(
  (select q.queue_name from graphile_worker._private_jobs j
   join graphile_worker._private_job_queues q on q.id = j.job_queue_id),
  'import_leads:' || :'a', 'in the account''s import queue (one import per account at a time)');

-- TEST: nothing imported yet.
select is((select count(*)::int from public.leads where account_id = :'a'), 0, 'no lead is created by the request');

select * from finish();
rollback;
