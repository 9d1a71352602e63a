-- outbound_messages: one row per send_key; a second claim of the same intent gets nothing.
begin;
select plan(5);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset

select isnt_empty(
  format($$insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider)
           values (%L, %L, 'sms', 'lead:campaign:1:sms:1', 'sink')
           on conflict (account_id, send_key) do nothing returning id$$, :'a', :'lead'),
  'the first intent is recorded');
select is_empty(
  format($$insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider)
           values (%L, %L, 'sms', 'lead:campaign:1:sms:1', 'sink')
           on conflict (account_id, send_key) do nothing returning id$$, :'a', :'lead'),
  'the same send_key again records nothing: the caller knows it was already sent');
select throws_ok(
  format($$insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider) values (%L, %L, 'sms', 'lead:campaign:1:sms:1', 'sink')$$, :'a', :'lead'),
  '23505', 'duplicate key value violates unique constraint "outbound_messages_account_send_key_key"',
  'a plain duplicate insert is refused');
select throws_ok(
  format($$insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider, status) values (%L, %L, 'sms', 'lead:campaign:1:sms:2', 'sink', 'bounced')$$, :'a', :'lead'),
  '23514', 'new row for relation "outbound_messages" violates check constraint "outbound_messages_status_check"',
  'status is one of the lifecycle values');
select throws_ok(
  format($$insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider, provider_message_id)
           values (%L, %L, 'sms', 'k-aaaaaaaa', 'twilio', 'SM1'), (%L, %L, 'sms', 'k-bbbbbbbb', 'twilio', 'SM1')$$, :'a', :'lead', :'a', :'lead'),
  '23505', 'duplicate key value violates unique constraint "outbound_messages_account_provider_message_key"',
  'a provider message id belongs to one message');

select * from finish();
rollback;
