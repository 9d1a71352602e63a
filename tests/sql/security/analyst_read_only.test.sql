-- The analyst role reads its account and changes nothing.
begin;
select plan(9);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_lead(:'a') as lead_a \gset
select tests.create_lead(:'b') as lead_b \gset
insert into public.core_memory_events (account_id, lead_id, event_type, event_source) values (:'a', :'lead_a', 'touch_sent', 'test');

select tests.act_as('revenue_analyst', :'a');

select results_eq('select id from public.leads', format('values (%L::uuid)', :'lead_a'), 'the analyst sees its account''s leads');
select is((select count(*)::int from public.core_memory_events), 1, 'the analyst reads memory events of its account');
select is((select count(*)::int from public.leads where account_id = :'b'), 0, 'the analyst does not see another account');
select throws_ok(
  format($$update public.leads set first_name = 'x' where id = %L$$, :'lead_a'),
  '42501', 'permission denied for table leads', 'the analyst cannot update');
select throws_ok(
  format($$insert into public.leads (account_id) values (%L)$$, :'a'),
  '42501', 'permission denied for table leads', 'the analyst cannot insert');
select throws_ok(
  format($$delete from public.leads where id = %L$$, :'lead_a'),
  '42501', 'permission denied for table leads', 'the analyst cannot delete');
select throws_ok(
  format($$insert into public.core_memory_events (account_id, lead_id, event_type, event_source) values (%L, %L, 'x', 'y')$$, :'a', :'lead_a'),
  '42501', 'permission denied for table core_memory_events', 'the analyst cannot write memory');
select throws_ok(
  'select sealed from public.account_provider_credentials',
  '42501', 'permission denied for table account_provider_credentials', 'the analyst cannot read provider secrets');
select lives_ok(
  'select id, channel, provider, config from public.account_provider_settings',
  'the analyst can read non-secret provider settings');

select * from finish();
rollback;
