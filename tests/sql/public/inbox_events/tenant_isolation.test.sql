-- revenue_api and revenue_analyst see only their account's thread; nothing without app.account_id.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_lead(:'a', '+13055550101') as l_a \gset
select tests.create_lead(:'b', '+13055550101') as l_b \gset
insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, body)
values (:'a', :'l_a', 'sms', 'twilio', 'SM-A', '+13055550101', 'for a'), (:'b', :'l_b', 'sms', 'twilio', 'SM-B', '+13055550101', 'for b');
insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider, status, body)
values (:'a', :'l_a', 'sms', 'key-a-0001', 'sink', 'sent', 'to a'), (:'b', :'l_b', 'sms', 'key-b-0001', 'sink', 'sent', 'to b');

-- TEST: each account sees its own.
select tests.act_as('revenue_api', :'b');
select set_eq($$select account_id, body from public.inbox_events$$,
  format($$values (%1$L::uuid, 'for b'::text), (%1$L, 'to b')$$, :'b'), 'revenue_api of b: b''s two messages only');
reset role;
select tests.act_as('revenue_analyst', :'a');
select set_eq($$select account_id, body from public.inbox_events$$,
  format($$values (%1$L::uuid, 'for a'::text), (%1$L, 'to a')$$, :'a'), 'revenue_analyst of a: a''s two messages only');
reset role;
select tests.act_as('revenue_api', null);
select is_empty($$select * from public.inbox_events$$, 'revenue_api without app.account_id: nothing');
reset role;

-- TEST: the worker sees all.
select tests.act_as('revenue_worker', null);
select is((select count(*)::int from public.inbox_events), 4, 'revenue_worker: all four');
reset role;

select * from finish();
rollback;
