-- assign_lead_round_robin: with round_robin_email_only, only email triggers assignment.
begin;
select plan(6);

select tests.create_account() as acct \gset
select tests.create_user(:'acct', 'setter') as ua \gset
select tests.create_lead(:'acct') as lead \gset
update public.org_settings
set round_robin_enabled = true, round_robin_email_only = true
where account_id = :'acct';

-- TEST: other channels, and no channel at all, are not eligible and change nothing.
select results_eq(
  format($$select outcome, assigned_user_id, sequence_index from public.assign_lead_round_robin(%L, 'sms')$$, :'lead'),
  $$values ('channel_not_eligible', null::uuid, null::int)$$,
  'an SMS reply does not assign when email-only is on');
select results_eq(
  format($$select outcome from public.assign_lead_round_robin(%L)$$, :'lead'),
  $$values ('channel_not_eligible')$$,
  'a call without a channel does not assign when email-only is on');
select results_eq(
  format($$select l.assigned_user_id, s.round_robin_last_setter_index,
                  (select count(*)::int from public.lead_assignment_events e where e.lead_id = l.id)
           from public.leads l join public.org_settings s on s.account_id = l.account_id where l.id = %L$$, :'lead'),
  $$values (null::uuid, null::int, 0)$$,
  'the lead stays unassigned, the pointer unset, and nothing is audited');

-- TEST: email assigns.
select results_eq(
  format($$select outcome, assigned_user_id, sequence_index from public.assign_lead_round_robin(%L, 'email')$$, :'lead'),
  format($$values ('assigned', %L::uuid, 0)$$, :'ua'),
  'an email reply assigns the lead');

-- TEST: with email-only off, any channel assigns.
update public.org_settings set round_robin_email_only = false where account_id = :'acct';
select results_eq(
  format($$select outcome from public.assign_lead_round_robin(%L, 'sms')$$, tests.create_lead(:'acct')),
  $$values ('assigned')$$,
  'an SMS reply assigns when email-only is off');
select results_eq(
  format($$select outcome from public.assign_lead_round_robin(%L)$$, tests.create_lead(:'acct')),
  $$values ('assigned')$$,
  'a call without a channel assigns when email-only is off');

select * from finish();
rollback;
