-- find_or_create_lead: an email that differs from the lead's primary is added to
-- alternate_emails once, and the primary is never listed there.
begin;
select plan(7);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100', 'ann@example.com') as lead \gset
select tests.create_lead(:'a', '+13055550111') as no_email \gset

-- TEST: a new address on a phone match becomes an alternate.
select results_eq(
  format($$select lead_id, matched_by from public.find_or_create_lead(%L, '{"source": "inbound_sms", "phone": "+13055550100", "email": "Ann.Work@example.com"}')$$, :'a'),
  format($$values (%L::uuid, 'phone')$$, :'lead'),
  'the lead matches by phone');
select is(
  (select alternate_emails::text[] from public.leads where id = :'lead'),
  '{ann.work@example.com}'::text[], 'the new address is added, lower-cased');

-- TEST: added once.
select results_eq(
  format($$select matched_by from public.find_or_create_lead(%L, '{"source": "inbound_sms", "phone": "+13055550100", "email": " ANN.WORK@example.com"}')$$, :'a'),
  $$values ('alternate_email')$$,
  'the same address again matches as an alternate email');
select lives_ok(
  format($$select public.find_or_create_lead(%L, '{"source": "inbound_sms", "phone": "+13055550100", "email": "ann@example.com"}')$$, :'a'),
  'the primary address comes in too');
select is(
  (select alternate_emails::text[] from public.leads where id = :'lead'),
  '{ann.work@example.com}'::text[], 'the alternate is listed once and the primary is not listed');

-- TEST: a lead without a primary email gets one instead of an alternate.
select lives_ok(
  format($$select public.find_or_create_lead(%L, '{"source": "inbound_sms", "phone": "+13055550111", "email": "bob@example.com"}')$$, :'a'),
  'an address arrives for a lead that has none');
select results_eq(
  format('select email::text, alternate_emails::text[] from public.leads where id = %L', :'no_email'),
  $$values ('bob@example.com', '{}'::text[])$$,
  'the address fills the missing primary email');

select * from finish();
rollback;
