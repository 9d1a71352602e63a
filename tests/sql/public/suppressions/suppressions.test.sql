-- suppressions: exactly one address per row; one active row per address and channel.
begin;
select plan(6);

select tests.create_account() as a \gset

select lives_ok(
  format($$insert into public.suppressions (account_id, phone, reason) values (%L, '+13055550100', 'opt_out_keyword')$$, :'a'),
  'a phone is suppressed on every channel');
select throws_ok(
  format($$insert into public.suppressions (account_id, phone, reason) values (%L, '+13055550100', 'manual')$$, :'a'),
  '23505', 'duplicate key value violates unique constraint "suppressions_active_address_idx"',
  'the same active suppression is not stored twice');
select lives_ok(
  format($$insert into public.suppressions (account_id, channel, phone, reason) values (%L, 'sms', '+13055550100', 'manual')$$, :'a'),
  'a channel-specific entry is a different row');
select throws_ok(
  format($$insert into public.suppressions (account_id, phone, email, reason) values (%L, '+13055550101', 'x@example.com', 'manual')$$, :'a'),
  '23514', 'new row for relation "suppressions" violates check constraint "suppressions_one_address_check"',
  'one address per row');
select throws_ok(
  format($$insert into public.suppressions (account_id, reason) values (%L, 'manual')$$, :'a'),
  '23514', 'new row for relation "suppressions" violates check constraint "suppressions_one_address_check"',
  'a row without an address is refused');
update public.suppressions set lifted_at = now(), lifted_reason = 'opt_in_keyword'
where account_id = :'a' and channel is null;
select lives_ok(
  format($$insert into public.suppressions (account_id, phone, reason) values (%L, '+13055550100', 'opt_out_keyword')$$, :'a'),
  'after a lift the address can be suppressed again (history is kept)');

select * from finish();
rollback;
