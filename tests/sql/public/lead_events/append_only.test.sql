-- lead_events is append-only.
begin;
select plan(3);

select tests.create_account() as a \gset
select tests.create_lead(:'a') as lead \gset
update public.leads set lead_state = 'touched' where id = :'lead';

select throws_ok(
  format($$update public.lead_events set new_state = 'closed' where lead_id = %L$$, :'lead'),
  'P0001', 'append_only_violation', 'UPDATE is refused');
select throws_ok(
  format($$delete from public.lead_events where lead_id = %L$$, :'lead'),
  'P0001', 'append_only_violation', 'DELETE is refused');
select results_eq(
  format($$select previous_state, new_state from public.lead_events where lead_id = %L$$, :'lead'),
  $$values ('new'::text, 'touched'::text)$$,
  'the transition is still recorded as it happened');

select * from finish();
rollback;
