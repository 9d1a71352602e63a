-- Manual suppression: every address, every channel, scheduling stops; other accounts untouched.
begin;
select plan(9);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_lead(:'a', '+13055550111', 'ann@example.com') as lead \gset
select tests.create_lead(:'b', '+13055550112') as other \gset
select tests.create_campaign(:'a') as camp \gset
select tests.create_step(:'a', :'camp', 1, 'sms') \gset
insert into public.campaign_leads (account_id, campaign_id, lead_id, status, current_step) values (:'a', :'camp', :'lead', 'active', 1);

select tests.act_as('revenue_api', :'a');

-- TEST: A's lead is suppressed; B's id is simply not found.
select results_eq(
  format($$select lead_id, suppressed from public.suppress_leads(array[%L, %L]::uuid[], 'do_not_contact', 'console:ops')$$, :'lead', :'other'),
  format($$values (%L::uuid, true)$$, :'lead'),
  'only the caller''s lead is suppressed');
-- TEST: again: found, unchanged.
select results_eq(
  format($$select suppressed from public.suppress_leads(array[%L]::uuid[], 'manual', 'console:ops')$$, :'lead'),
  $$values (false)$$,
  'suppressing twice changes nothing');
reset role;

select results_eq(
  format($$select status, lead_state from public.leads where id = %L$$, :'lead'),
  $$values ('suppressed'::text, 'suppressed'::text)$$,
  'status and lead_state are suppressed');
select results_eq(
  format($$select count(*)::int from public.suppressions where lead_id = %L and channel is null and reason = 'do_not_contact' and lifted_at is null$$, :'lead'),
  $$values (2)$$,
  'the phone and the email are suppressed on every channel');
select results_eq(
  format($$select status, stop_reason from public.campaign_leads where lead_id = %L$$, :'lead'),
  $$values ('stopped'::text, 'manual_suppression'::text)$$,
  'the enrollment stopped');
select results_eq(
  format($$select is_unsubscribed from public.lead_suppression_status_v1 where lead_id = %L$$, :'lead'),
  $$values (true)$$,
  'the suppression view agrees');
select results_eq(
  format($$select payload ->> 'actor' from public.core_memory_events where lead_id = %L and event_type = 'suppressed_manually'$$, :'lead'),
  $$values ('console:ops'::text)$$,
  'one memory event names who did it');
select results_eq(
  format($$select status from public.leads where id = %L$$, :'other'),
  $$values ('new'::text)$$,
  'the other account''s lead is untouched');

-- TEST: bad input.
select throws_ok($$select * from public.suppress_leads(array[]::uuid[], 'manual', 'x')$$, '22023', 'invalid_argument', 'an empty list is refused');

select * from finish();
rollback;
