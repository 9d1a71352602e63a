-- A refused upload says why (22023 with a readable detail, 42501, P0002) and writes nothing.
begin;
select plan(16);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_user(:'a', 'owner') as u \gset
select tests.create_user(:'b', 'owner') as ub \gset
select tests.create_campaign(:'a') as no_steps \gset
select tests.create_campaign(:'b') as camp_b \gset
select tests.create_step(:'b', :'camp_b', 1, 'sms');

select tests.act_as('revenue_api', :'a');

-- TEST: who.
select throws_ok(
  format($$select public.create_lead_import(%L, 'x.csv', E'phone\n1\n', 9, array['phone'], '{"phone": 0}')$$, :'ub'),
  '42501', 'not_a_member', 'a user of another account cannot upload here');

-- TEST: the file.
select throws_like(
  format($$select public.create_lead_import(%L, 'x.csv', E' \r\n', 3, array['phone'], '{"phone": 0}')$$, :'u'),
  'invalid_import', 'a blank file is refused');
select throws_ok(
  format($$select public.create_lead_import(%L, 'x.csv', E' \r\n', 3, array['phone'], '{"phone": 0}')$$, :'u'),
  '22023', 'invalid_import', 'with 22023');
select throws_ok(
  format($$select public.create_lead_import(%L, 'x.csv', E'phone\n1\n', 20971521, array['phone'], '{"phone": 0}')$$, :'u'),
  '22023', 'invalid_import', 'a file over 20 MiB is refused');
select throws_ok(
  format($$select public.create_lead_import(%L, '', E'phone\n1\n', 9, array['phone'], '{"phone": 0}')$$, :'u'),
  '22023', 'invalid_import', 'a file without a name is refused');

-- TEST: the header mapping.
select throws_ok(
  format($$select public.create_lead_import(%L, 'x.csv', E'name,city\na,b\n', 14, array['name', 'city'], '{"full_name": 0, "city": 1}')$$, :'u'),
  '22023', 'invalid_import', 'a header without phone or email is refused');
select throws_ok(
  format($$select public.create_lead_import(%L, 'x.csv', E'phone\n1\n', 9, array['phone'], '{"phone": 1}')$$, :'u'),
  '22023', 'invalid_import', 'a mapping to a column the header does not have is refused');
select throws_ok(
  format($$select public.create_lead_import(%L, 'x.csv', E'phone\n1\n', 9, array['phone'], '{"phone": 0, "shoe_size": 0}')$$, :'u'),
  '22023', 'invalid_import', 'an unknown lead field is refused');
select throws_ok(
  format($$select public.create_lead_import(%L, 'x.csv', E'phone\n1\n', 9, array['phone'], '{"phone": "0"}')$$, :'u'),
  '22023', 'invalid_import', 'a column index must be a number');

-- TEST: the options.
select throws_ok(
  format($$select public.create_lead_import(%L, 'x.csv', E'phone\n1\n', 9, array['phone'], '{"phone": 0}', '|')$$, :'u'),
  '22023', 'invalid_import', 'a delimiter other than comma, semicolon or tab is refused');
select throws_ok(
  format($$select public.create_lead_import(%L, 'x.csv', E'phone\n1\n', 9, array['phone'], '{"phone": 0}', ',', 'Facebook Ads')$$, :'u'),
  '22023', 'invalid_import', 'a source that is not a lead source is refused');
select throws_ok(
  format($$select public.create_lead_import(%L, 'x.csv', E'phone\n1\n', 9, array['phone'], '{"phone": 0}', ',', 'csv_import', 'USA')$$, :'u'),
  '22023', 'invalid_import', 'a default country that is not ISO alpha-2 is refused');
select throws_ok(
  format($$select public.create_lead_import(%L, 'x.csv', E'phone\n1\n', 9, array['phone'], '{"phone": 0}', ',', 'csv_import', 'US', %L)$$, :'u', :'camp_b'),
  'P0002', 'campaign_not_found', 'another account''s campaign is not found');
select throws_ok(
  format($$select public.create_lead_import(%L, 'x.csv', E'phone\n1\n', 9, array['phone'], '{"phone": 0}', ',', 'csv_import', 'US', %L)$$, :'u', :'no_steps'),
  '22023', 'campaign_has_no_steps', 'a campaign without a step 1 is refused');

-- TEST: no account.
reset role;
select tests.act_as('revenue_api', null);
select throws_ok(
  format($$select public.create_lead_import(%L, 'x.csv', E'phone\n1\n', 9, array['phone'], '{"phone": 0}')$$, :'u'),
  '42501', 'no_account', 'without app.account_id there is no account to import into');
reset role;

-- TEST: nothing written.
select is((select count(*)::int from public.lead_imports) + (select count(*)::int from tests.jobs('import_leads')), 0,
  'no import and no job was written');

select * from finish();
rollback;
