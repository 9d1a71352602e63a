-- The API role sees and changes only the account named by app.account_id.
begin;
select plan(14);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_lead(:'a', '+13055550100') as lead_a \gset
select tests.create_lead(:'b', '+13055550101') as lead_b \gset
select tests.create_campaign(:'a', 'camp_a') as camp_a \gset
select tests.create_campaign(:'b', 'camp_b') as camp_b \gset
select tests.create_user(:'a', 'owner') as user_a \gset
select tests.create_user(:'b', 'owner') as user_b \gset
insert into public.core_memory_events (account_id, lead_id, event_type, event_source) values (:'b', :'lead_b', 'touch_sent', 'test');
insert into public.touch_runs (account_id, lead_id, channel) values (:'b', :'lead_b', 'sms');

-- Every tenant table, counted as the API of account A: none of B's rows may show.
create temp table leaked (table_name text, n int) on commit drop;
grant all on leaked to public;

select tests.act_as('revenue_api', :'a');

select results_eq('select id from public.accounts', format('values (%L::uuid)', :'a'), 'A sees only its own account');
select results_eq('select id from public.leads', format('values (%L::uuid)', :'lead_a'), 'A sees only its own leads');
select is_empty(format('select 1 from public.leads where id = %L', :'lead_b'), 'looking up B''s lead by id finds nothing');
select results_eq('select id from public.users', format('values (%L::uuid)', :'user_a'), 'A sees only its own members among users');

do $$
declare
  v_table text;
  v_n int;
begin
  for v_table in
    select c.table_name from information_schema.columns c
    where c.table_schema = 'public' and c.column_name = 'account_id'
      and c.table_name in (select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE')
  loop
    execute format('select count(*) from public.%I where account_id <> %L', v_table, current_setting('app.account_id')) into v_n;
    insert into leaked values (v_table, v_n);
  end loop;
end
$$;
select cmp_ok((select count(*)::int from leaked), '>=', 17, 'every tenant table was checked (17 or more)');
select is((select coalesce(sum(n), 0)::int from leaked), 0, 'no tenant table shows another account''s rows');

-- Writes to B are silently filtered (0 rows) or refused.
select is_empty(format($$update public.leads set first_name = 'pwned' where id = %L returning id$$, :'lead_b'),
  'updating B''s lead changes no row');
select is_empty(format($$delete from public.campaigns where id = %L returning id$$, :'camp_b'),
  'deleting B''s campaign removes no row');
select throws_ok(
  format($$insert into public.leads (account_id, first_name) values (%L, 'planted')$$, :'b'),
  '42501', 'new row violates row-level security policy for table "leads"',
  'inserting a lead into B is refused');
select throws_ok(
  format($$update public.leads set account_id = %L where id = %L$$, :'b', :'lead_a'),
  '42501', 'new row violates row-level security policy for table "leads"',
  'moving A''s lead into B is refused');
select throws_ok(
  'select sealed from public.account_provider_credentials',
  '42501', 'permission denied for table account_provider_credentials',
  'provider secrets are not readable by the API');
select throws_ok(
  'select password_hash from public.users',
  '42501', 'permission denied for table users',
  'password hashes are not readable by the API');

reset role;
select results_eq(
  format('select first_name from public.leads where id = %L', :'lead_b'),
  $$values (null::text)$$,
  'B''s lead is untouched');
select is((select count(*)::int from public.campaigns where id = :'camp_b'), 1, 'B''s campaign still exists');

select * from finish();
rollback;
