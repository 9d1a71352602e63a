-- Every account gets exactly one org_settings row, with the documented defaults.
begin;
select plan(5);

select tests.create_account() as acct \gset

select is((select count(*)::int from public.org_settings where account_id = :'acct'), 1,
  'creating an account creates its settings row');
select results_eq(
  format('select vertical, negative_cooldown_days, reactivation_after_days, call_queue_gold_priority, onboarding_step, leadgen_routing from public.org_settings where account_id = %L', :'acct'),
  $$values ('car_dealer'::text, 30, 45, 100, 1::smallint, '{"active": false}'::jsonb)$$,
  'defaults: car_dealer, 30-day cooldown, 45-day reactivation, priority 100, step 1, routing off');
select throws_ok(
  format('insert into public.org_settings (account_id) values (%L)', :'acct'),
  '23505', 'duplicate key value violates unique constraint "org_settings_pkey"',
  'a second settings row for the account is refused');
select throws_ok(
  format($$update public.org_settings set onboarding_step = 4 where account_id = %L$$, :'acct'),
  '23514', 'new row for relation "org_settings" violates check constraint "org_settings_onboarding_step_check"',
  'onboarding has three steps');
select throws_ok(
  format($$update public.org_settings set contact_email = 'Owner@Example.com' where account_id = %L$$, :'acct'),
  '23514', 'value for domain email_address violates check constraint "email_address_check"',
  'contact emails are stored lower-case');

select * from finish();
rollback;
