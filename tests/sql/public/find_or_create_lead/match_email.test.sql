-- find_or_create_lead: rule 2, the primary email finds the lead, whatever its case and spacing.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_lead(:'a', null, 'ann@example.com') as lead \gset
select tests.create_lead(:'b', null, 'ann@example.com') as other_account_lead \gset

-- TEST: case-insensitive, trimmed email match.
select results_eq(
  format($$select lead_id, matched_by, created from public.find_or_create_lead(%L, '{"source": "import", "email": "  Ann@Example.COM "}')$$, :'a'),
  format($$values (%L::uuid, 'email', false)$$, :'lead'),
  'an upper-case, padded address matches the stored lower-case one');
select is(
  (select email::text from public.leads where id = :'lead'),
  'ann@example.com', 'the stored email is unchanged');

-- TEST: matching stays inside the account.
select results_eq(
  format($$select lead_id, matched_by from public.find_or_create_lead(%L, '{"source": "import", "email": "ann@example.com"}')$$, :'b'),
  format($$values (%L::uuid, 'email')$$, :'other_account_lead'),
  'account B''s call finds B''s lead, not A''s');
select is(
  (select count(*)::int from public.leads where email = 'ann@example.com'),
  2, 'no lead was created');

select * from finish();
rollback;
