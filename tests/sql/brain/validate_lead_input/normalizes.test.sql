-- validate_lead_input: a lead's JSON comes back as clean values, or is refused naming the field.
begin;
select plan(9);

-- TEST: text is trimmed, empty strings are missing, email lower-cased, country upper-cased.
select is(
  (select row(v.source, v.external_id, v.email::text, v.phone::text, v.first_name, v.last_name, v.country, v.phone_line_type)::text
   from brain.validate_lead_input('{"source": " import ", "external_id": 42, "email": " Ann@Example.COM ",
     "phone": "+13055550100", "first_name": " Ann ", "last_name": "", "country": "us", "phone_line_type": "Mobile"}') v),
  row('import', '42', 'ann@example.com', '+13055550100', 'Ann', null::text, 'US', 'mobile')::text,
  'values are trimmed and normalized');
select is(
  (select row(v.timezone::text, v.first_seen_at, v.attributes)::text
   from brain.validate_lead_input('{"source": "import", "timezone": "America/Bogota",
     "first_seen_at": "2026-01-02T03:04:05Z", "attributes": {"car": "civic"}}') v),
  row('America/Bogota', '2026-01-02T03:04:05Z'::timestamptz, '{"car": "civic"}'::jsonb)::text,
  'timezone, first_seen_at and attributes are kept');
select ok(
  (select v.phone_line_type is null and v.email is null and v.phone is null
   from brain.validate_lead_input('{"source": "import", "email": null, "phone": "  "}') v),
  'nulls and blanks are missing (phone_line_type stays null when not given)');

-- TEST: refusals name the field; nothing is read or written.
select throws_ok($$select brain.validate_lead_input('[]')$$, '22023', 'invalid_lead', 'not an object');
select throws_ok($$select brain.validate_lead_input('{"source": "import", "emial": "a@b.co"}')$$,
  '22023', 'invalid_lead', 'an unknown key is refused');
select throws_ok($$select brain.validate_lead_input('{"email": "a@b.co"}')$$, '22023', 'invalid_lead', 'source is required');
select throws_ok($$select brain.validate_lead_input('{"source": "import", "phone": "+1 305"}')$$,
  '22023', 'invalid_lead', 'a phone that is not E.164');
select throws_ok($$select brain.validate_lead_input('{"source": "import", "timezone": "Mars/Olympus"}')$$,
  '22023', 'invalid_lead', 'an unknown time zone');

-- TEST: the detail names the field and the value.
create temporary table detail (d text);
do $$
declare
  v_detail text;
begin
  perform brain.validate_lead_input('{"source": "import", "phone": "+1 305"}');
exception when sqlstate '22023' then
  get stacked diagnostics v_detail = pg_exception_detail;
  insert into detail values (v_detail);
end $$;
select is((select d from detail), 'phone "+1 305" is not E.164', 'the detail names the field and value');

select * from finish();
rollback;
