-- find_or_create_lead: rule 1, the same source and external id find the lead.
begin;
select plan(5);

select tests.create_account() as a \gset
select tests.create_lead(:'a', null, null, 'new', 'craigslist', '7712345678') as lead \gset

-- TEST: the source's own id finds the lead, as text or as a JSON number.
select results_eq(
  format($$select lead_id, matched_by, created
           from public.find_or_create_lead(%L, '{"source": "craigslist", "external_id": "7712345678"}')$$, :'a'),
  format($$values (%L::uuid, 'external_id', false)$$, :'lead'),
  'the same posting id from the same source matches the lead');
select results_eq(
  format($$select lead_id, matched_by from public.find_or_create_lead(%L, '{"source": "craigslist", "external_id": 7712345678}')$$, :'a'),
  format($$values (%L::uuid, 'external_id')$$, :'lead'),
  'a numeric external id matches its text form');

-- TEST: an external id only identifies a lead together with its source.
select results_eq(
  format($$select matched_by, created from public.find_or_create_lead(%L, '{"source": "import", "external_id": "7712345678"}')$$, :'a'),
  $$values ('created', true)$$,
  'the same id from another source is another lead');
select is(
  (select count(*)::int from public.leads where account_id = :'a'),
  2, 'exactly one lead was added');
select is(
  (select count(*)::int from public.leads where account_id = :'a' and source = 'craigslist' and external_id = '7712345678'),
  1, 'the posting still has one lead');

select * from finish();
rollback;
