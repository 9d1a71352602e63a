-- An import with a campaign enrolls its imported and matched leads at step 1, as
-- public.enroll_leads does: once, and never a suppressed lead.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.create_campaign(:'a') as camp \gset
select tests.create_step(:'a', :'camp', 1, 'sms');
select tests.create_lead(:'a', '+13055550199') as gone \gset
update public.leads set status = 'suppressed' where id = :'gone';
select tests.create_lead_import(:'a', E'phone,email\n1,2\n', :'camp') as imp \gset

select tests.act_as('revenue_worker', null);
select status from brain.start_lead_import(:'imp');
select applied from brain.record_lead_import_chunk(:'imp', 0, 4, jsonb_build_array(
  tests.import_item(2, '{"source": "csv_import", "phone": "+13055550100"}'),
  tests.import_item(3, '{"source": "csv_import", "phone": "+13055550101"}'),
  tests.import_item(4, '{"source": "csv_import", "phone": "+13055550199"}')));
select applied from brain.record_lead_import_chunk(:'imp', 3, 4, jsonb_build_array(
  tests.import_item(5, '{"source": "csv_import", "phone": "+13055550100"}')));
reset role;

-- TEST: enrollments.
select is((select leads_enrolled from public.lead_imports), 2, 'two leads enrolled');
select set_eq(
  $$select l.phone::text from public.campaign_leads cl join public.leads l on l.id = cl.lead_id where cl.campaign_id = $$ || quote_literal(:'camp'),
  array['+13055550100', '+13055550101'], 'the new leads, at step 1');
select is((select count(*)::int from public.campaign_leads where lead_id = :'gone'), 0, 'the suppressed lead is not enrolled');
select is((select rows_duplicate from public.lead_imports), 2, 'a repeat row matches and is not enrolled again');

select * from finish();
rollback;
