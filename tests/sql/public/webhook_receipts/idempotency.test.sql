-- webhook_receipts: primary key (provider, idempotency_key, account_id); a replay finds its row.
begin;
select plan(4);

select tests.create_account() as a \gset

select isnt_empty(
  format($$insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type)
           values ('twilio', 'SM123:delivered', %L, 'status') on conflict do nothing returning provider$$, :'a'),
  'the first delivery is recorded');
select is_empty(
  format($$insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type)
           values ('twilio', 'SM123:delivered', %L, 'status') on conflict do nothing returning provider$$, :'a'),
  'a replay records nothing');
select lives_ok(
  format($$insert into public.webhook_receipts (provider, idempotency_key, account_id) values ('telnyx', 'SM123:delivered', %L)$$, :'a'),
  'the same id from another provider is a different event');
select throws_ok(
  format($$insert into public.webhook_receipts (provider, idempotency_key, account_id) values ('twilio', 'SM123:delivered', %L)$$, :'a'),
  '23505', 'duplicate key value violates unique constraint "webhook_receipts_pkey"',
  'a plain duplicate is refused');

select * from finish();
rollback;
