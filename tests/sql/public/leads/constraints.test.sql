-- leads: unique (account_id, source, external_id); E.164 phones; lower-case emails; known time zones.
begin;
select plan(14);

select tests.create_account() as a \gset
select tests.create_account() as b \gset

select lives_ok(
  format($$insert into public.leads (account_id, source, external_id) values (%L, 'craigslist', '7712345678')$$, :'a'),
  'a craigslist posting is stored');
select throws_ok(
  format($$insert into public.leads (account_id, source, external_id) values (%L, 'craigslist', '7712345678')$$, :'a'),
  '23505', 'duplicate key value violates unique constraint "leads_account_source_external_id_key"',
  'the same posting twice in one account is refused');
select is_empty(
  format($$insert into public.leads (account_id, source, external_id) values (%L, 'craigslist', '7712345678')
           on conflict (account_id, source, external_id) do nothing returning id$$, :'a'),
  're-running an upsert of the same posting inserts nothing');
select lives_ok(
  format($$insert into public.leads (account_id, source, external_id) values (%L, 'import', '7712345678')$$, :'a'),
  'the same external id from another source is a different lead');
select lives_ok(
  format($$insert into public.leads (account_id, source, external_id) values (%L, 'craigslist', '7712345678')$$, :'b'),
  'the same posting in another account is that account''s lead');
select lives_ok(
  format($$insert into public.leads (account_id, source) select %L, 'manual' from generate_series(1, 3)$$, :'a'),
  'leads without an external id do not collide');

-- TEST: phone is E.164 or null.
select lives_ok(
  format($$insert into public.leads (account_id, phone) values (%L, '+13055550100'), (%L, null)$$, :'a', :'a'),
  'an E.164 phone and a missing phone are accepted');
select throws_ok(
  format($$insert into public.leads (account_id, phone) values (%L, '3055550100')$$, :'a'),
  '23514', 'value for domain e164_phone violates check constraint "e164_phone_check"',
  'a phone without + and country code is refused');
select throws_ok(
  format($$insert into public.leads (account_id, phone) values (%L, '+1 305 555 0100')$$, :'a'),
  '23514', 'value for domain e164_phone violates check constraint "e164_phone_check"',
  'a phone with spaces is refused');
select throws_ok(
  format($$insert into public.leads (account_id, phone) values (%L, '+0123456789')$$, :'a'),
  '23514', 'value for domain e164_phone violates check constraint "e164_phone_check"',
  'a country code cannot start with 0');

-- TEST: other field rules.
select throws_ok(
  format($$insert into public.leads (account_id, email) values (%L, 'Seller@Example.com')$$, :'a'),
  '23514', 'value for domain email_address violates check constraint "email_address_check"',
  'emails are stored lower-case');
select throws_ok(
  format($$insert into public.leads (account_id, timezone) values (%L, 'America/Atlantis')$$, :'a'),
  '22023', 'time zone "America/Atlantis" not recognized',
  'an unknown time zone is refused');
select throws_ok(
  format($$insert into public.leads (account_id, lead_state) values (%L, 'warm')$$, :'a'),
  '23503', 'insert or update on table "leads" violates foreign key constraint "leads_lead_state_fkey"',
  'lead_state must be a known state');
select throws_ok(
  format($$insert into public.leads (account_id, status) values (%L, 'deleted')$$, :'a'),
  '23514', 'new row for relation "leads" violates check constraint "leads_status_check"',
  'status is new, suppressed or archived');

select * from finish();
rollback;
