-- An incoming lead that brings nothing the matched lead lacks (a reply from a known
-- phone, the usual case) changes nothing and writes no new row version.
begin;
select plan(3);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'known@example.com', 'touched') as l \gset
update public.leads set attributes = '{"car": "civic"}', first_name = 'Ana' where id = :'l';
create temp table before_merge as select l.xmin::text as version from public.leads l where id = :'l';

-- TEST: nothing new: no column filled, the row untouched.
select is(brain.merge_lead(:'l', brain.validate_lead_input('{"source": "inbound_sms", "phone": "+13055550101"}')), '{}'::text[],
          'a known phone alone fills nothing');
select is((select xmin::text from public.leads where id = :'l'), (select version from before_merge), 'no new row version');

-- TEST: one thing new is still filled.
select is(brain.merge_lead(:'l', brain.validate_lead_input('{"source": "inbound_sms", "phone": "+13055550101", "last_name": "Ruiz"}')),
          array['last_name'], 'a missing last name is filled');

select finish();
rollback;
