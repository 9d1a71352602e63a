-- find_or_create_lead: a match fills in what the lead lacks and never overwrites what it has.
begin;
select plan(5);

select tests.create_account() as a \gset
select tests.create_lead(:'a', null, 'ann@example.com') as lead \gset
update public.leads
set first_name = 'Ann', country = 'US', first_seen_at = '2026-03-01T00:00:00Z',
    attributes = '{"price": 1000}'
where id = :'lead';

-- TEST: missing fields are filled, present ones kept.
select results_eq(
  format($$select lead_id, matched_by from public.find_or_create_lead(%L, '{
    "source": "import", "external_id": "crm-1", "email": "ann@example.com", "phone": "+13055550100",
    "phone_line_type": "mobile", "first_name": "Annie", "last_name": "Lee", "city": "Miami", "country": "MX",
    "attributes": {"price": 2000, "model": "civic"}, "first_seen_at": "2026-01-01T00:00:00Z"}')$$, :'a'),
  format($$values (%L::uuid, 'email')$$, :'lead'),
  'the lead matches by email');
select results_eq(
  format($$select first_name, last_name, city, country, phone::text, phone_line_type, attributes, first_seen_at
           from public.leads where id = %L$$, :'lead'),
  $$values ('Ann', 'Lee', 'Miami', 'US', '+13055550100', 'mobile',
            '{"price": 1000, "model": "civic"}'::jsonb, '2026-01-01T00:00:00Z'::timestamptz)$$,
  'first_name and country are kept, the rest filled in, attributes merged, first_seen_at moved earlier');
select results_eq(
  format('select source, external_id from public.leads where id = %L', :'lead'),
  $$values ('manual', null::text)$$,
  'source is kept, and an external id of another source is not attached');

-- TEST: a later sighting, blanks and changes do not overwrite.
select lives_ok(
  format($$select public.find_or_create_lead(%L, '{
    "source": "import", "email": "ann@example.com", "phone": "+13055550199", "phone_line_type": "landline",
    "first_name": "", "last_name": "Smith", "first_seen_at": "2026-06-01T00:00:00Z"}')$$, :'a'),
  'a second match with other values runs');
select results_eq(
  format($$select first_name, last_name, phone::text, phone_line_type, first_seen_at from public.leads where id = %L$$, :'lead'),
  $$values ('Ann', 'Lee', '+13055550100', 'mobile', '2026-01-01T00:00:00Z'::timestamptz)$$,
  'nothing the lead already had was overwritten and first_seen_at stays the earliest');

select * from finish();
rollback;
