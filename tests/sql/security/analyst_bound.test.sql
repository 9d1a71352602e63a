-- An analyst's own login reads its bound account only: app.account_id, which anyone
-- may set, moves it nowhere; a login given revenue_analyst by hand without a mapping
-- reads nothing; the mapping itself is out of the analyst's reach.
begin;
select plan(24);

select tests.create_account('Acme') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_lead(:'a', '+13055550101') as lead_a \gset
select tests.create_lead(:'b', '+13055550202') as lead_b \gset
select tests.create_user(:'a', 'setter') as user_a \gset
select tests.create_user(:'b', 'setter') as user_b \gset
insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider, body)
values (:'a', :'lead_a', 'sms', 'analyst-bound-a', 'sink', 'hello a'),
       (:'b', :'lead_b', 'sms', 'analyst-bound-b', 'sink', 'hello b');
insert into public.core_memory_events (account_id, lead_id, event_type, event_source)
values (:'a', :'lead_a', 'touch_sent', 'test'), (:'b', :'lead_b', 'touch_sent', 'test');

-- Cluster-wide roles: unique names, and CREATE ROLE rolls back with the test.
select 'tap_analyst_' || substr(md5(random()::text), 1, 10) as bound \gset
select 'tap_analyst_' || substr(md5(random()::text), 1, 10) as unbound \gset
create role :"bound" login in role revenue_analyst;
create role :"unbound" login in role revenue_analyst;
insert into private.analyst_logins (login, account_id) values (:'bound', :'a');

-- TEST: the bound login reads its account, with app.account_id unset.
set local session authorization :"bound";
select is(session_user::text, :'bound', 'the test runs as the analyst''s own login');
select results_eq('select id from public.leads', format('values (%L::uuid)', :'lead_a'), 'leads: its account''s');
select results_eq('select account_id from public.outbound_messages', format('values (%L::uuid)', :'a'), 'outbound_messages: its account''s');
select results_eq('select account_id from public.core_memory_events', format('values (%L::uuid)', :'a'), 'core_memory_events: its account''s');
select results_eq('select id from public.accounts', format('values (%L::uuid)', :'a'), 'accounts: its own');

-- TEST: setting app.account_id to another account changes nothing.
select set_config('app.account_id', :'b', true);
select results_eq('select id from public.leads', format('values (%L::uuid)', :'lead_a'),
  'leads: still its account''s after set_config(app.account_id, B)');
select is((select count(*)::int from public.leads where account_id = :'b'), 0, 'leads: none of B');
select is((select count(*)::int from public.outbound_messages where account_id = :'b'), 0, 'outbound_messages: none of B');
select is((select count(*)::int from public.core_memory_events where account_id = :'b'), 0, 'core_memory_events: none of B');
select is((select count(*)::int from public.users where id = :'user_b'), 0, 'users: not B''s members');
select is((select count(*)::int from public.users where id = :'user_a'), 1, 'users: A''s members');
select is((select count(*)::int from public.account_members where account_id = :'b'), 0, 'account_members: none of B');
select is((select count(*)::int from public.account_members where account_id = :'a'), 1, 'account_members: A''s');
select results_eq('select lead_id from public.lead_enriched', format('values (%L::uuid)', :'lead_a'),
  'a decision view (lead_enriched): its account''s leads only');
select results_eq('select lead_id from public.lead_next_action_view_v5', format('values (%L::uuid)', :'lead_a'),
  'lead_next_action_view_v5: its account''s leads only');
select results_eq('select user_id from public.account_people()', format('values (%L::uuid)', :'user_a'),
  'account_people(): its account''s members only');

-- TEST: the mapping is out of reach, and so are other roles.
select throws_ok('select * from private.analyst_logins', '42501', null, 'the analyst cannot read the mapping');
select throws_ok(format($$update private.analyst_logins set account_id = %L$$, :'b'), '42501', null,
  'the analyst cannot rebind itself');
select throws_ok('set role revenue_api', '42501', null, 'the analyst cannot become revenue_api');
select throws_ok(format($$insert into public.leads (account_id) values (%L)$$, :'a'), '42501', null,
  'the analyst cannot write');
reset session authorization;

-- TEST: a member of revenue_analyst without a mapping reads nothing, whatever it sets.
set local session authorization :"unbound";
select set_config('app.account_id', :'a', true);
select is((select count(*)::int from public.leads), 0, 'unmapped login: no leads');
select is((select count(*)::int from public.accounts), 0, 'unmapped login: no accounts');
select is((select count(*)::int from public.lead_next_action_view_v5), 0, 'unmapped login: nothing in the decision views');
reset session authorization;

-- TEST: deleting an account removes its logins' mappings.
select tests.create_account('Charlie') as c \gset
insert into private.analyst_logins (login, account_id) values (:'unbound', :'c');
delete from public.accounts where id = :'c';
select is((select count(*)::int from private.analyst_logins where login = :'unbound'), 0, 'the mapping goes with the account');

select * from finish();
rollback;
