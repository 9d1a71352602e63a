-- revenue_api sees only its account's leads and their counts.
begin;
select plan(3);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_lead(:'a', '+13055550101') as l_a \gset
select tests.create_lead(:'b', '+13055550101') as l_b \gset
insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, classification)
values (:'a', :'l_a', 'sms', 'twilio', 'SM-A', '+13055550101', 'positive'),
       (:'b', :'l_b', 'sms', 'twilio', 'SM-B1', '+13055550101', 'negative'),
       (:'b', :'l_b', 'sms', 'twilio', 'SM-B2', '+13055550101', 'negative');

-- TEST: isolation.
select tests.act_as('revenue_api', :'b');
select results_eq($$select lead_id, inbound_total::int, positive_replies::int, negative_replies::int from public.multichannel_lead_signals$$,
  format($$values (%L::uuid, 2, 0, 2)$$, :'l_b'), 'revenue_api of b: b''s lead with b''s counts only');
reset role;
select tests.act_as('revenue_api', :'a');
select results_eq($$select lead_id, inbound_total::int, positive_replies::int from public.multichannel_lead_signals$$,
  format($$values (%L::uuid, 1, 1)$$, :'l_a'), 'revenue_api of a: a''s lead only');
reset role;
select tests.act_as('revenue_analyst', null);
select is_empty($$select * from public.multichannel_lead_signals$$, 'without app.account_id: nothing');
reset role;

select * from finish();
rollback;
