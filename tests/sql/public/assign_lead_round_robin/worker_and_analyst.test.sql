-- assign_lead_round_robin: the worker role assigns across accounts; the analyst role
-- may not call it.
begin;
select plan(3);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_user(:'a', 'setter') as setter_a \gset
select tests.create_user(:'b', 'setter') as setter_b \gset
select tests.create_lead(:'a') as lead_a \gset
select tests.create_lead(:'b') as lead_b \gset
select tests.create_lead(:'a') as lead_a2 \gset
update public.org_settings set round_robin_enabled = true where account_id in (:'a', :'b');

-- TEST: the worker assigns leads of any account, each to that account's setters.
select tests.act_as('revenue_worker', null);
select results_eq(
  format('select assigned_user_id from public.assign_lead_round_robin(%L)', :'lead_a'),
  format('values (%L::uuid)', :'setter_a'),
  'the worker assigns A''s lead to A''s setter');
select results_eq(
  format('select assigned_user_id from public.assign_lead_round_robin(%L)', :'lead_b'),
  format('values (%L::uuid)', :'setter_b'),
  'the worker assigns B''s lead to B''s setter');
reset role;

-- TEST: analysts read, they do not assign.
select tests.act_as('revenue_analyst', :'a');
select throws_ok(
  format('select * from public.assign_lead_round_robin(%L)', :'lead_a2'),
  '42501', 'permission denied for function assign_lead_round_robin',
  'the analyst cannot call the function');

select * from finish();
rollback;
