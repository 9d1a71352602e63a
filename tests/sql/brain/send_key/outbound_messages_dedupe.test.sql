-- With send_key, a second insert of the same intent into outbound_messages is a no-op.
begin;
select plan(6);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset
select tests.create_campaign(:'a', 'autos_outbound_miami') as camp \gset

-- TEST: the first insert of an intent records it.
select isnt_empty(
  format($$insert into public.outbound_messages (account_id, lead_id, campaign_id, channel, send_key, provider)
           values (%L, %L, %L, 'sms', brain.send_key(%L, %L, 1, 'sms', 1), 'sink')
           on conflict (account_id, send_key) do nothing returning id$$, :'a', :'lead', :'camp', :'lead', :'camp'),
  'the first insert of the intent records a row');

-- TEST: recomputing the key for the same intent and inserting again does nothing.
select is_empty(
  format($$insert into public.outbound_messages (account_id, lead_id, campaign_id, channel, send_key, provider)
           values (%L, %L, %L, 'sms', brain.send_key(%L, %L, 1, 'sms', 1), 'sink')
           on conflict (account_id, send_key) do nothing returning id$$, :'a', :'lead', :'camp', :'lead', :'camp'),
  'the second insert of the same intent returns nothing');
select is(
  (select count(*)::int from public.outbound_messages where lead_id = :'lead'),
  1,
  'one outbound message for the intent');

-- TEST: the next attempt is a new intent and is recorded.
select isnt_empty(
  format($$insert into public.outbound_messages (account_id, lead_id, campaign_id, channel, send_key, provider)
           values (%L, %L, %L, 'sms', brain.send_key(%L, %L, 1, 'sms', 2), 'sink')
           on conflict (account_id, send_key) do nothing returning id$$, :'a', :'lead', :'camp', :'lead', :'camp'),
  'attempt 2 is recorded');

-- TEST: a campaign-less intent is deduplicated the same way.
insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider)
values (:'a', :'lead', 'email', brain.send_key(:'lead', null, 1, 'email', 1), 'sink')
on conflict (account_id, send_key) do nothing;
insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider)
values (:'a', :'lead', 'email', brain.send_key(:'lead', null, 1, 'email', 1), 'sink')
on conflict (account_id, send_key) do nothing;
select is(
  (select count(*)::int from public.outbound_messages where lead_id = :'lead' and campaign_id is null),
  1,
  'two inserts of the same campaign-less intent leave one row');
select is(
  (select count(*)::int from public.outbound_messages where lead_id = :'lead'),
  3,
  'three distinct intents, three rows in all');

select * from finish();
rollback;
