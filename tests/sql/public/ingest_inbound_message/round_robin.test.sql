-- A positive reply assigns the lead by round-robin when the account has it on.
begin;
select plan(4);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.set_all_providers(:'a');
select tests.set_all_providers(:'b');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.give_sms_senders(:'b', '+12135550900');
select tests.create_user(:'a', 'setter') as setter \gset
select tests.create_user(:'b', 'setter') as setter_b \gset
update public.org_settings set round_robin_enabled = true where account_id = :'a';
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as l \gset
select tests.create_lead(:'b', '+12135550101', p_lead_state => 'touched') as l_b \gset

create temp table res on commit drop as
select 'a' as k, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'yes please', :'now') as r
union all
select 'b', public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+12135550101', '+12135550900', 'yes please', :'now');

-- TEST: assigned when enabled.
select is((select assigned_user_id from public.leads where id = :'l'), :'setter'::uuid, 'account a: the lead goes to the setter');
select results_eq(format($$select assigned_to_user_id, source, channel::text from public.lead_assignment_events where lead_id = %L$$, :'l'),
  format($$values (%L::uuid, 'round_robin'::text, 'sms'::text)$$, :'setter'), 'the assignment is recorded (round_robin, sms)');

-- TEST: not when disabled.
select is((select assigned_user_id from public.leads where id = :'l_b'), null, 'account b (round-robin off): unassigned');
select is((select count(*)::int from public.lead_assignment_events where lead_id = :'l_b'), 0, 'no assignment event');

select * from finish();
rollback;
