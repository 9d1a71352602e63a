-- find_or_create_lead: rule 4, the E.164 phone finds the lead; the oldest lead wins a tie.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100') as newer \gset
select tests.create_lead(:'a', '+13055550100') as older \gset
update public.leads set created_at = now() - interval '1 day' where id = :'older';

-- TEST: phone match.
select results_eq(
  format($$select lead_id, matched_by, created from public.find_or_create_lead(%L, '{"source": "inbound_sms", "phone": "+13055550100"}')$$, :'a'),
  format($$values (%L::uuid, 'phone', false)$$, :'older'),
  'the phone matches, and of two leads sharing it the oldest is taken');
select is((select count(*)::int from public.leads where account_id = :'a'), 2, 'no lead was created');

-- TEST: a different number is a different lead.
select results_eq(
  format($$select matched_by, created from public.find_or_create_lead(%L, '{"source": "inbound_sms", "phone": "+13055550199"}')$$, :'a'),
  $$values ('created', true)$$,
  'another number creates a lead');
select is(
  (select phone::text from public.leads where account_id = :'a' and source = 'inbound_sms'),
  '+13055550199', 'the new lead carries the number');

select * from finish();
rollback;
