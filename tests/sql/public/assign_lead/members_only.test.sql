-- Manual assignment: only active owners, admins and setters of the lead's account.
begin;
select plan(5);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_lead(:'a', '+13055550131') as lead \gset
select tests.create_user(:'a', 'setter') as setter \gset
select tests.create_user(:'a', 'viewer') as viewer \gset
select tests.create_user(:'b', 'setter') as outsider \gset

select tests.act_as('revenue_api', :'a');
select is(public.assign_lead(:'lead', :'setter', null), true, 'a setter of the account can be assigned');
select is(public.assign_lead(:'lead', :'setter', null), false, 'assigning again changes nothing');
select throws_ok(format($$select public.assign_lead(%L, %L, null)$$, :'lead', :'viewer'), '22023', 'invalid_assignee', 'a viewer cannot be assigned');
select throws_ok(format($$select public.assign_lead(%L, %L, null)$$, :'lead', :'outsider'), '22023', 'invalid_assignee', 'a member of another account cannot be assigned');
reset role;
select results_eq(
  format($$select assigned_to_user_id, source from public.lead_assignment_events where lead_id = %L$$, :'lead'),
  format($$values (%L::uuid, 'manual'::text)$$, :'setter'),
  'one manual assignment event');

select * from finish();
rollback;
