-- find_or_create_lead: when different leads match different rules, the higher rule wins:
-- external id, then email, then alternate email, then phone.
begin;
select plan(5);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'ext@example.com', 'new', 'craigslist', '7712345678') as by_external_id \gset
select tests.create_lead(:'a', '+13055550102', 'ann@example.com') as by_email \gset
select tests.create_lead(:'a', '+13055550103', 'owner@example.com') as by_alternate \gset
select tests.create_lead(:'a', '+13055550100', 'phone@example.com') as by_phone \gset
update public.leads set alternate_emails = '{ann@example.com,ann.work@example.com}' where id = :'by_alternate';

-- Every call below carries the phone of by_phone, so each one matches at least two leads.
select results_eq(
  format($$select lead_id, matched_by from public.find_or_create_lead(%L,
    '{"source": "craigslist", "external_id": "7712345678", "email": "ann@example.com", "phone": "+13055550100"}')$$, :'a'),
  format($$values (%L::uuid, 'external_id')$$, :'by_external_id'),
  'external id beats email, alternate email and phone');
select results_eq(
  format($$select lead_id, matched_by from public.find_or_create_lead(%L,
    '{"source": "import", "email": "ann@example.com", "phone": "+13055550100"}')$$, :'a'),
  format($$values (%L::uuid, 'email')$$, :'by_email'),
  'email beats alternate email and phone');
select results_eq(
  format($$select lead_id, matched_by from public.find_or_create_lead(%L,
    '{"source": "import", "email": "ann.work@example.com", "phone": "+13055550100"}')$$, :'a'),
  format($$values (%L::uuid, 'alternate_email')$$, :'by_alternate'),
  'alternate email beats phone');
select results_eq(
  format($$select lead_id, matched_by from public.find_or_create_lead(%L,
    '{"source": "import", "email": "someone.new@example.com", "phone": "+13055550100"}')$$, :'a'),
  format($$values (%L::uuid, 'phone')$$, :'by_phone'),
  'phone matches when no email rule does');
select is((select count(*)::int from public.leads where account_id = :'a'), 4, 'no lead was created');

select * from finish();
rollback;
