-- match_lead: the first rule that finds a lead wins (external id, email, alternate email,
-- phone); the oldest lead when a rule finds several; nothing when no rule does.
begin;
select plan(7);

select tests.create_account() as a \gset
select tests.create_account() as other \gset
select tests.create_lead(:'a', '+13055550101', 'ext@example.com', 'new', 'craigslist', '7712345678') as by_external_id \gset
select tests.create_lead(:'a', '+13055550102', 'ann@example.com') as by_email \gset
select tests.create_lead(:'a', '+13055550103', 'owner@example.com') as by_alternate \gset
select tests.create_lead(:'a', '+13055550100', 'phone@example.com') as by_phone \gset
update public.leads set alternate_emails = '{ann@example.com,ann.work@example.com}' where id = :'by_alternate';
update public.leads set created_at = now() - interval '1 day' where id = :'by_phone';
select tests.create_lead(:'a', '+13055550100') as newer_same_phone \gset
select tests.create_lead(:'other', '+13055550199', 'elsewhere@example.com') as other_lead \gset

-- TEST: priority.
select results_eq(
  format($$select lead_id, matched_by from brain.match_lead(%L, 'craigslist', '7712345678', 'ann@example.com', '+13055550100')$$, :'a'),
  format($$values (%L::uuid, 'external_id')$$, :'by_external_id'),
  'external id beats email, alternate email and phone');
select results_eq(
  format($$select lead_id, matched_by from brain.match_lead(%L, 'import', '7712345678', 'ann@example.com', '+13055550100')$$, :'a'),
  format($$values (%L::uuid, 'email')$$, :'by_email'),
  'an external id of another source does not match; email does');
select results_eq(
  format($$select lead_id, matched_by from brain.match_lead(%L, 'import', null, 'ann.work@example.com', '+13055550100')$$, :'a'),
  format($$values (%L::uuid, 'alternate_email')$$, :'by_alternate'),
  'alternate email beats phone');

-- TEST: the oldest of several leads with the phone.
select results_eq(
  format($$select lead_id, matched_by from brain.match_lead(%L, 'import', null, 'nobody@example.com', '+13055550100')$$, :'a'),
  format($$values (%L::uuid, 'phone')$$, :'by_phone'),
  'phone matches the oldest lead with it');

-- TEST: no match, and no match across accounts.
select is_empty(
  format($$select * from brain.match_lead(%L, 'import', null, 'nobody@example.com', '+13055550111')$$, :'a'),
  'nothing when no rule finds a lead');
select is_empty(
  format($$select * from brain.match_lead(%L, 'import', null, 'elsewhere@example.com', '+13055550199')$$, :'a'),
  'another account''s leads never match');
select is((select count(*)::int from public.leads where account_id = :'a'), 5, 'matching writes nothing');

select * from finish();
rollback;
