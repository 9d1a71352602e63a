-- assign_lead_round_robin: the API role assigns its own account's leads and cannot
-- reach another account's.
begin;
select plan(6);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_user(:'a', 'setter') as setter_a \gset
select tests.create_user(:'b', 'setter') as setter_b \gset
select tests.create_lead(:'a') as lead_a \gset
select tests.create_lead(:'b') as lead_b \gset
update public.org_settings set round_robin_enabled = true where account_id in (:'a', :'b');

select tests.act_as('revenue_api', :'a');

-- TEST: the API assigns its own lead under row-level security.
select results_eq(
  format($$select outcome, assigned_user_id, sequence_index from public.assign_lead_round_robin(%L, 'email')$$, :'lead_a'),
  format($$values ('assigned', %L::uuid, 0)$$, :'setter_a'),
  'the API of A assigns A''s lead');
select results_eq(
  'select lead_id, assigned_to_user_id from public.lead_assignment_events',
  format($$values (%L::uuid, %L::uuid)$$, :'lead_a', :'setter_a'),
  'the API of A sees the audit row it wrote, and only that');

-- TEST: another account's lead is not visible, so it cannot be assigned.
select throws_ok(
  format($$select * from public.assign_lead_round_robin(%L, 'email')$$, :'lead_b'),
  'P0002', 'lead_not_found', 'the API of A gets lead_not_found for B''s lead');

reset role;
select results_eq(
  format($$select l.assigned_user_id, s.round_robin_last_setter_index,
                  (select count(*)::int from public.lead_assignment_events e where e.account_id = l.account_id)
           from public.leads l join public.org_settings s on s.account_id = l.account_id where l.id = %L$$, :'lead_b'),
  $$values (null::uuid, null::int, 0)$$,
  'B''s lead, pointer and audit trail are untouched');
select is(
  (select round_robin_last_setter_index from public.org_settings where account_id = :'a'),
  0, 'A''s pointer moved');

-- TEST: the API role with no account set sees no lead at all.
select tests.act_as('revenue_api', null);
select throws_ok(
  format($$select * from public.assign_lead_round_robin(%L)$$, :'lead_b'),
  'P0002', 'lead_not_found', 'without app.account_id the API gets lead_not_found');

select * from finish();
rollback;
