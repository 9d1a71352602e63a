-- is_gold: a mobile phone and an email (seed 004 Part 6). time_zone: the lead's,
-- else its phone's area code, else the account's. lead_name joins the names.
begin;
select plan(3);

select tests.create_account() as a \gset
update public.org_settings set timezone = 'America/Denver' where account_id = :'a';
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as gold \gset
select tests.create_lead(:'a', '+13055550102') as mobile_only \gset
select tests.create_lead(:'a', '+12135550103', 'bob@example.com') as landline \gset
select tests.create_lead(:'a', '+12135550104', 'cid@example.com') as unknown_line \gset
select tests.create_lead(:'a', null, 'dee@example.com', p_timezone => 'America/Chicago') as tz_lead \gset
select tests.create_lead(:'a', null, 'eve@example.com') as no_phone \gset
update public.leads set phone_line_type = 'mobile' where id in (:'gold', :'mobile_only');
update public.leads set phone_line_type = 'landline' where id = :'landline';
update public.leads set first_name = 'Ana', last_name = 'Perez' where id = :'gold';
update public.leads set first_name = 'Bob' where id = :'landline';

-- TEST: gold.
select set_eq(format($$select lead_id, is_gold from public.lead_enriched where account_id = %L$$, :'a'),
  format($$values (%L::uuid, true), (%L, false), (%L, false), (%L, false), (%L, false), (%L, false)$$,
         :'gold', :'mobile_only', :'landline', :'unknown_line', :'tz_lead', :'no_phone'),
  'only mobile + email is gold (not mobile alone, landline, unknown line type, or no phone)');

-- TEST: time zone.
select set_eq(format($$select lead_id, time_zone from public.lead_enriched where lead_id in (%L, %L, %L, %L)$$, :'gold', :'landline', :'tz_lead', :'no_phone'),
  format($$values (%L::uuid, 'America/New_York'::text), (%L, 'America/Los_Angeles'), (%L, 'America/Chicago'), (%L, 'America/Denver')$$,
         :'gold', :'landline', :'tz_lead', :'no_phone'),
  '305: New York; 213: Los Angeles; the lead''s own zone first; without either, the account''s');

-- TEST: name.
select set_eq(format($$select lead_id, lead_name from public.lead_enriched where lead_id in (%L, %L, %L)$$, :'gold', :'landline', :'no_phone'),
  format($$values (%L::uuid, 'Ana Perez'::text), (%L, 'Bob'), (%L, null)$$, :'gold', :'landline', :'no_phone'),
  'first and last name, first alone, or null');

select * from finish();
rollback;
