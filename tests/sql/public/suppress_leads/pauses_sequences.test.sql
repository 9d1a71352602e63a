-- Issue 18: a suppression pauses the lead's sequence runs at once.
begin;
select plan(2);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.create_sequence(:'a', 'manual', '[{"delay_amount": 1, "body": "Hi"}]') as s \gset
select brain.start_sequence(x, :'s', 'manual', 'user:x', null, null, now()) from unnest(array[:'l', :'l2']::uuid[]) x;

select tests.act_as('revenue_api', :'a');
select public.suppress_leads(array[:'l']::uuid[], 'do_not_contact', 'user:owner@example.com');
reset role;
-- An operator's entry for every channel, by phone.
insert into public.suppressions (account_id, phone, reason, source) values (:'a', '+13055550102', 'manual', 'manual');

-- TEST: both paused.
select results_eq(format($$select status from public.sequence_enrollments where lead_id = %L$$, :'l'),
  $$values ('paused'::text)$$, 'suppress_leads pauses the run');
select results_eq(format($$select status, paused_reason from public.sequence_enrollments where lead_id = %L$$, :'l2'),
  $$values ('paused'::text, 'suppressed'::text)$$, 'a suppression of every channel pauses the run: suppressed');

select * from finish();
rollback;
