-- assign_lead_round_robin: every assignment writes one append-only lead_assignment_events row.
begin;
select plan(5);

select tests.create_account() as acct \gset
select tests.create_user(:'acct', 'setter') as ua \gset
select tests.create_user(:'acct', 'setter') as ub \gset
select tests.create_user(:'acct', 'admin') as admin \gset
select tests.create_lead(:'acct') as lead1 \gset
select tests.create_lead(:'acct') as lead2 \gset
update public.org_settings
set round_robin_enabled = true, round_robin_setter_sequence = array[:'ua', :'ub']::uuid[]
where account_id = :'acct';

select outcome from public.assign_lead_round_robin(:'lead1', 'email', :'admin');
select outcome from public.assign_lead_round_robin(:'lead2', null, null);
select outcome from public.assign_lead_round_robin(:'lead2', 'sms', :'admin');

-- TEST: the rows say who got which lead, how, on which channel, from which position.
select results_eq(
  format($$select lead_id, assigned_to_user_id, assigned_by_user_id, source, channel::text, sequence_index
           from public.lead_assignment_events where account_id = %L order by sequence_index$$, :'acct'),
  format($$values (%L::uuid, %L::uuid, %L::uuid, 'round_robin', 'email', 0),
                  (%L::uuid, %L::uuid, null::uuid, 'round_robin', null::text, 1)$$,
         :'lead1', :'ua', :'admin', :'lead2', :'ub'),
  'one row per assignment with source, channel, assigner and sequence index');

-- TEST: the audit row agrees with the lead.
select is_empty(
  format($$select 1 from public.lead_assignment_events e join public.leads l on l.id = e.lead_id
           where e.account_id = %L and (l.assigned_user_id <> e.assigned_to_user_id or l.assigned_at is null)$$, :'acct'),
  'each audited lead is owned by the audited setter');
select is(
  (select count(*)::int from public.lead_assignment_events where lead_id = :'lead2'),
  1, 'asking again for an assigned lead writes no second row');

-- TEST: the audit trail cannot be rewritten.
select throws_ok(
  format($$update public.lead_assignment_events set assigned_to_user_id = %L where lead_id = %L$$, :'ub', :'lead1'),
  'P0001', 'append_only_violation', 'UPDATE of an audit row is refused');
select throws_ok(
  format($$delete from public.lead_assignment_events where lead_id = %L$$, :'lead1'),
  'P0001', 'append_only_violation', 'DELETE of an audit row is refused');

select * from finish();
rollback;
