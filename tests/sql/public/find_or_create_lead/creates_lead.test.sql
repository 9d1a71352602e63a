-- find_or_create_lead: a lead that matches nothing is inserted, normalized.
begin;
select plan(6);

select tests.create_account() as a \gset

-- TEST: creation with every field.
select * from public.find_or_create_lead(:'a', $${
  "source": "webhook", "external_id": " crm-42 ", "email": " Ann@Example.COM ", "phone": "+13055550100",
  "first_name": " Ann ", "last_name": "Lee", "company_name": "", "phone_line_type": "mobile",
  "city": "Miami", "region": "FL", "postal_code": "33101", "country": "us", "timezone": "America/New_York",
  "attributes": {"vehicle": "civic"}, "first_seen_at": "2026-01-02T03:04:05Z"
}$$) \gset r_
select is(:'r_matched_by'::text, 'created', 'matched_by is created');
select is(:'r_created'::boolean, true, 'created is true');
select results_eq(
  format($$select account_id, source, external_id, email::text, alternate_emails::text[], phone::text,
                  first_name, last_name, company_name, phone_line_type, city, region, postal_code, country,
                  timezone::text, attributes, first_seen_at, lead_state, status
           from public.leads where id = %L$$, :'r_lead_id'),
  format($$values (%L::uuid, 'webhook', 'crm-42', 'ann@example.com', '{}'::text[], '+13055550100',
                   'Ann', 'Lee', null::text, 'mobile', 'Miami', 'FL', '33101', 'US',
                   'America/New_York', '{"vehicle": "civic"}'::jsonb, '2026-01-02T03:04:05Z'::timestamptz, 'new', 'new')$$, :'a'),
  'values are trimmed, email lower-cased, country upper-cased, empty strings stored as null');

-- TEST: defaults for a lead with only a source.
select * from public.find_or_create_lead(:'a', '{"source": "manual", "email": "", "phone": null}') \gset s_
select results_eq(
  format($$select email, phone, phone_line_type, attributes, first_seen_at from public.leads where id = %L$$, :'s_lead_id'),
  $$values (null::public.email_address, null::public.e164_phone, 'unknown', '{}'::jsonb, null::timestamptz)$$,
  'missing fields take the table defaults');

-- TEST: without any identity key, nothing can match.
select results_eq(
  format($$select matched_by, created from public.find_or_create_lead(%L, '{"source": "manual"}')$$, :'a'),
  $$values ('created', true)$$,
  'a lead with no external id, email or phone is always new');
select is((select count(*)::int from public.leads where account_id = :'a'), 3, 'three leads were created');

select * from finish();
rollback;
