-- merge_lead: a matched lead gains what it lacks, keeps what it has, and says which columns changed.
begin;
select plan(7);

select tests.create_account() as a \gset
select tests.create_lead(:'a', null, 'ann@example.com', 'new', 'import') as l \gset
update public.leads set first_name = 'Ann', attributes = '{"car": "civic"}', first_seen_at = '2026-03-01Z' where id = :'l';

-- TEST: missing fields are filled, present ones kept, a second email becomes an alternate.
select is(
  brain.merge_lead(:'l', brain.validate_lead_input('{"source": "import", "external_id": "x1", "email": "ann.work@example.com",
    "phone": "+13055550100", "phone_line_type": "mobile", "first_name": "Annie", "city": "Miami",
    "attributes": {"car": "ford", "budget": "20k"}, "first_seen_at": "2026-02-01T00:00:00Z"}')),
  array['alternate_emails', 'attributes', 'city', 'external_id', 'first_seen_at', 'phone', 'phone_line_type'],
  'the columns it changed, in name order');
select is(
  (select row(email::text, alternate_emails::text[], phone::text, phone_line_type, first_name, city, external_id)::text
   from public.leads where id = :'l'),
  row('ann@example.com', array['ann.work@example.com'], '+13055550100', 'mobile', 'Ann', 'Miami', 'x1')::text,
  'missing values filled, present ones kept');
select is((select attributes from public.leads where id = :'l'), '{"car": "civic", "budget": "20k"}'::jsonb,
  'attribute keys are added; existing keys win');
select is((select first_seen_at from public.leads where id = :'l'), '2026-02-01T00:00:00Z'::timestamptz,
  'first_seen_at keeps the earliest');

-- TEST: the same input again changes nothing; another source's external id is not taken.
select is(
  brain.merge_lead(:'l', brain.validate_lead_input('{"source": "import", "email": "ann.work@example.com"}')),
  '{}'::text[], 'nothing new: nothing changed');
select tests.create_lead(:'a', '+13055550101', null, 'new', 'craigslist') as c \gset
select is(
  brain.merge_lead(:'c', brain.validate_lead_input('{"source": "import", "external_id": "x2"}')),
  '{}'::text[], 'an external id of another source is not copied');

-- TEST: a lead that no longer exists.
select throws_ok(
  $$select brain.merge_lead('00000000-0000-0000-0000-000000000000', brain.validate_lead_input('{"source": "import"}'))$$,
  'P0001', 'lead_intake_conflict', 'a vanished lead is a conflict to retry');

select * from finish();
rollback;
