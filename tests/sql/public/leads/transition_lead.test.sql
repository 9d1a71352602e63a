-- brain.transition_lead: idempotent on the same state, clear errors otherwise.
begin;
select plan(5);

select tests.create_account() as a \gset
select tests.create_lead(:'a') as lead \gset

select is(brain.transition_lead(:'lead', 'new', 'noop'), false, 'moving to the current state is a no-op');
select is((select count(*)::int from public.lead_events where lead_id = :'lead'), 0, 'a no-op writes no event');
select throws_ok(
  format($$select brain.transition_lead(%L, 'dead', 'exhausted')$$, :'lead'),
  'P0001', 'invalid_lead_transition', 'new → dead is refused (a lead never touched cannot be exhausted)');
select throws_ok(
  $$select brain.transition_lead('00000000-0000-0000-0000-000000000000', 'touched', 'x')$$,
  'P0002', 'lead_not_found', 'an unknown lead gets lead_not_found');
select is(current_setting('app.transition_reason', true), '', 'a refused transition leaves no reason behind');

select * from finish();
rollback;
