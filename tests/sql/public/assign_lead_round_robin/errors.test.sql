-- assign_lead_round_robin: unknown leads and channels get clear errors.
begin;
select plan(3);

select tests.create_account() as acct \gset
select tests.create_user(:'acct', 'setter') as ua \gset
select tests.create_lead(:'acct') as lead \gset
update public.org_settings set round_robin_enabled = true where account_id = :'acct';

-- TEST: an unknown lead.
select throws_ok(
  $$select * from public.assign_lead_round_robin('00000000-0000-0000-0000-000000000000')$$,
  'P0002', 'lead_not_found', 'an unknown lead gets lead_not_found');

-- TEST: a channel that does not exist.
select throws_ok(
  format($$select * from public.assign_lead_round_robin(%L, 'linkedin')$$, :'lead'),
  '22023', 'invalid_channel', 'an unknown channel gets invalid_channel');
select is(
  (select assigned_user_id from public.leads where id = :'lead'),
  null, 'a refused call assigns nothing');

select * from finish();
rollback;
