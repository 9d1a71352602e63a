-- find_or_create_lead: rule 3, an address in alternate_emails finds the lead.
begin;
select plan(3);

select tests.create_account() as a \gset
select tests.create_lead(:'a', null, 'ann@example.com') as lead \gset
update public.leads set alternate_emails = '{ann.work@example.com}' where id = :'lead';

select results_eq(
  format($$select lead_id, matched_by, created from public.find_or_create_lead(%L, '{"source": "import", "email": "ANN.Work@example.com"}')$$, :'a'),
  format($$values (%L::uuid, 'alternate_email', false)$$, :'lead'),
  'a CC replier''s address matches the lead it replied on');
select results_eq(
  format('select email::text, alternate_emails::text[] from public.leads where id = %L', :'lead'),
  $$values ('ann@example.com', '{ann.work@example.com}'::text[])$$,
  'the primary email stays and the alternate is not duplicated');
select is((select count(*)::int from public.leads where account_id = :'a'), 1, 'no lead was created');

select * from finish();
rollback;
