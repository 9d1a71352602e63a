-- Command OS resolves leads by id, phone as typed, email, external id or name.
begin;
select plan(12);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
insert into public.leads (account_id, first_name, last_name, phone, email, source, external_id, alternate_emails)
values (:'a', 'Ana', 'García', '+13055550100', 'ana@example.com', 'import', 'crm-1', '{ana.g@work.example.com}')
returning id as ana \gset
insert into public.leads (account_id, first_name, last_name, phone, source)
values (:'a', 'Ana', 'Lopez', '+13055550101', 'import') returning id as lopez \gset
insert into public.leads (account_id, first_name, last_name, phone, source)
values (:'b', 'Ana', 'García', '+13055550100', 'import');

select results_eq(format($$select lead_id, match from public.resolve_lead(%L, '+1 (305) 555-0100')$$, :'a'),
  format($$values (%L::uuid, 'phone'::text)$$, :'ana'), 'a phone as people type it');
select results_eq(format($$select lead_id from public.resolve_lead(%L, '305 555 0100')$$, :'a'),
  format($$values (%L::uuid)$$, :'ana'), 'a US number without +1');
select results_eq(format($$select lead_id, match from public.resolve_lead(%L, 'ANA@Example.com')$$, :'a'),
  format($$values (%L::uuid, 'email'::text)$$, :'ana'), 'an email, case aside');
select results_eq(format($$select lead_id, match from public.resolve_lead(%L, %L)$$, :'a', :'ana'),
  format($$values (%L::uuid, 'id'::text)$$, :'ana'), 'the lead id');
select results_eq(format($$select lead_id, match from public.resolve_lead(%L, 'crm-1')$$, :'a'),
  format($$values (%L::uuid, 'external'::text)$$, :'ana'), 'the source''s id');
select results_eq(format($$select lead_id, match from public.resolve_lead(%L, 'ana garcia')$$, :'a'),
  format($$values (%L::uuid, 'name'::text)$$, :'ana'), 'a name without its accent');
select results_eq(format($$select count(*)::int from public.resolve_lead(%L, 'Ana')$$, :'a'),
  $$values (2)$$, 'a first name shared by two leads: both');
select is_empty(format($$select 1 from public.resolve_lead(%L, 'Pedro')$$, :'a'), 'no such lead: nothing');
select results_eq(format($$select lead_id, match from public.resolve_lead(%L, 'ana.g@work.example.com')$$, :'a'),
  format($$values (%L::uuid, 'email'::text)$$, :'ana'), 'an alternate email');
select results_eq(format($$select match, count(*)::int from public.resolve_lead(%L, '3055550') group by 1$$, :'a'),
  $$values ('digits'::text, 2)$$, 'part of a number: every lead whose phone holds those digits');
select is_empty(format($$select 1 from public.resolve_lead(%L, 'pedro@')$$, :'a'), 'a malformed address is no error, and matches nothing');

select tests.act_as('revenue_api', :'b');
select is_empty(format($$select 1 from public.resolve_lead(%L, 'ana garcia')$$, :'a'), 'row-level security applies to the caller');
reset role;

select * from finish();
rollback;
