-- find_or_create_lead: bad input is refused with invalid_lead and a detail naming the
-- field, and changes nothing.
begin;
select plan(10);

select tests.create_account() as a \gset
select tests.create_lead(:'a', null, 'ann@example.com') as lead \gset

-- SQLSTATE, message and detail of the error a statement raises.
create function pg_temp.error_of(p_sql text) returns text language plpgsql as $$
declare
  v_state text;
  v_message text;
  v_detail text;
begin
  execute p_sql;
  return 'no error';
exception when others then
  get stacked diagnostics v_state = returned_sqlstate, v_message = message_text, v_detail = pg_exception_detail;
  return v_state || ' ' || v_message || ': ' || v_detail;
end
$$;

create temp table calls (lead jsonb, expected text) on commit drop;
insert into calls (lead, expected) values
  ('{"source": "import", "phone": "+1 305"}', 'phone "+1 305" is not E.164'),
  ('{"source": "import", "phone": "3055550100"}', 'phone "3055550100" is not E.164'),
  ('{"source": "import", "email": "ann@"}', 'email "ann@" is not a valid email address'),
  ('{"source": "import", "email": "ann smith@example.com"}', 'email "ann smith@example.com" is not a valid email address'),
  ('{"email": "ann@example.com"}', 'source is required'),
  ('{"source": "  ", "email": "ann@example.com"}', 'source is required'),
  ('{"source": "Craigslist!"}', 'source "Craigslist!" must be 1 to 40 lower-case letters, digits or _, starting with a letter or digit'),
  ('{"source": "import", "attributes": ["vehicle"]}', 'attributes must be a JSON object'),
  ('{"source": "import", "first_name": 5}', 'first_name must be a string'),
  ('{"source": "import", "external_id": true}', 'external_id must be a string or a number'),
  ('{"source": "import", "phone_line_type": "cell"}', 'phone_line_type "cell" must be mobile, landline, voip or unknown'),
  ('{"source": "import", "country": "USA"}', 'country "USA" is not an ISO 3166-1 alpha-2 code'),
  ('{"source": "import", "timezone": "Mars/Olympus_Mons"}', 'timezone "Mars/Olympus_Mons" is not a time zone known to the server'),
  ('{"source": "import", "first_seen_at": "soon"}', 'first_seen_at "soon" is not a timestamp'),
  (jsonb_build_object('source', 'import', 'last_name', repeat('x', 201)), 'last_name is longer than 200 characters'),
  ('["ann@example.com"]', 'p_lead must be a JSON object');

-- TEST: every bad value gets its own readable detail.
select is_empty(
  format($$select c.lead::text, pg_temp.error_of(format('select public.find_or_create_lead(%%L, %%L)', %L, c.lead))
           from calls c
           where pg_temp.error_of(format('select public.find_or_create_lead(%%L, %%L)', %L, c.lead))
                 is distinct from '22023 invalid_lead: ' || c.expected$$, :'a', :'a'),
  'each of the 16 bad leads raises 22023 invalid_lead with the expected detail');
select is((select count(*)::int from calls), 16, 'all 16 cases were checked');

-- TEST: the example from the contract, with pgTAP's own assertion.
select throws_ok(
  format($$select public.find_or_create_lead(%L, '{"source": "import", "phone": "+1 305"}')$$, :'a'),
  '22023', 'invalid_lead', 'a phone that is not E.164 is refused');

-- TEST: unknown keys are refused, so a misspelt key cannot create a duplicate.
select alike(
  pg_temp.error_of(format($$select public.find_or_create_lead(%L, '{"source": "import", "phone_number": "+13055550100"}')$$, :'a')),
  '22023 invalid_lead: unknown key "phone_number"; the known keys are source, external_id, email, phone, %',
  'an unknown key is refused and the known keys are listed');

-- TEST: a bad value next to a matching email changes nothing on the lead.
select throws_ok(
  format($$select public.find_or_create_lead(%L, '{"source": "import", "email": "ann@example.com", "first_name": "Ann", "phone": "305-555-0100"}')$$, :'a'),
  '22023', 'invalid_lead', 'a call that would match is still refused');
select is((select first_name from public.leads where id = :'lead'), null, 'the matched lead was not filled in');
select is((select count(*)::int from public.leads where account_id = :'a'), 1, 'no lead was created');
select is((select count(*)::int from public.lead_events where account_id = :'a'), 0, 'no lead event was recorded');

-- TEST: a missing account id.
select is(
  pg_temp.error_of($$select public.find_or_create_lead(null, '{"source": "import"}')$$),
  '22023 invalid_lead: p_account_id is required',
  'a null account id is refused');

-- TEST: an account that does not exist.
select alike(
  pg_temp.error_of($$select public.find_or_create_lead('00000000-0000-0000-0000-000000000000', '{"source": "import"}')$$),
  'P0002 account_not_found: no account with id 00000000-0000-0000-0000-000000000000 is visible to role %',
  'an unknown account is refused before any insert');

select * from finish();
rollback;
