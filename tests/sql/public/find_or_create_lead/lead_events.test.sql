-- find_or_create_lead: every call appends one lead_events row saying which rule matched.
begin;
select plan(5);

select tests.create_account() as a \gset

-- TEST: creation.
select * from public.find_or_create_lead(:'a', '{"source": "webhook", "email": "ann@example.com"}') \gset c_
select results_eq(
  format($$select event_type, reason, actor, payload, previous_state, new_state
           from public.lead_events where lead_id = %L$$, :'c_lead_id'),
  $$values ('lead_created', 'created', current_user::text collate "default", '{"source": "webhook"}'::jsonb, null::text, null::text)$$,
  'a new lead gets a lead_created event with the source');

-- TEST: matches, with the caller's actor and the fields that were filled in.
select set_config('app.actor', 'import:batch-7', true);
select lives_ok(
  format($$select public.find_or_create_lead(%L, '{"source": "import", "email": "ANN@example.com", "first_name": "Ann", "city": "Miami"}')$$, :'a'),
  'a second call matches by email');
select lives_ok(
  format($$select public.find_or_create_lead(%L, '{"source": "import", "email": "ann@example.com", "first_name": "Annie"}')$$, :'a'),
  'a third call brings nothing new');
select results_eq(
  format($$select reason, actor, payload from public.lead_events
           where lead_id = %L and event_type = 'lead_matched' order by payload -> 'filled_fields' desc$$, :'c_lead_id'),
  $$values ('email', 'import:batch-7', '{"source": "import", "filled_fields": ["city", "first_name"]}'::jsonb),
           ('email', 'import:batch-7', '{"source": "import", "filled_fields": []}'::jsonb)$$,
  'each match is logged with its rule, the actor and the fields it filled in');

-- TEST: the external id is part of the payload.
select * from public.find_or_create_lead(:'a', '{"source": "craigslist", "external_id": "7712345678"}') \gset x_
select results_eq(
  format($$select event_type, reason, payload from public.lead_events where lead_id = %L$$, :'x_lead_id'),
  $$values ('lead_created', 'created', '{"source": "craigslist", "external_id": "7712345678"}'::jsonb)$$,
  'a posting''s creation records its source and external id');

select * from finish();
rollback;
