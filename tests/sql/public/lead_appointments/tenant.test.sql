-- The lead page's Appointments panel: the lead's meetings (in its zone), open setter
-- tasks and unanswered offers, read as revenue_api: another account's lead shows nothing.
begin;
select plan(5);

select tests.booking_account() as a \gset
select tests.booking_account() as b \gset
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', 'high_intent', p_timezone => 'Europe/Madrid') as l \gset
select tests.local_at(3, '10:00', 'Europe/Madrid') as s1, tests.local_at(4, '12:00', 'Europe/Madrid') as s2 \gset
select tests.offer(:'a', :'l', array[:'s2']::timestamptz[], 'Europe/Madrid');
select brain.record_appointment(:'a', :'l', :'s1', null, 'Europe/Madrid', 'calendly', 'auto_booking', 'system:auto_booking');
insert into public.setter_tasks (account_id, lead_id, kind, reason) values (:'a', :'l', 'confirm_slot', 'which day?');

select tests.act_as('revenue_api', :'a');
select public.lead_appointments(:'l') as page \gset
-- TEST: the meeting in the lead's zone, named.
select is(:'page'::jsonb -> 'appointments' -> 0 ->> 'time_zone', 'Europe/Madrid', 'the zone is named');
select is(:'page'::jsonb -> 'appointments' -> 0 ->> 'local_start', to_char(:'s1'::timestamptz at time zone 'Europe/Madrid', 'Dy DD Mon YYYY "10:00"'),
          'the start at the lead''s time');
select is(:'page'::jsonb -> 'tasks' -> 0 ->> 'reason', 'which day?', 'the open setter task');
select is(jsonb_array_length(:'page'::jsonb -> 'offered'), 0, 'a booked lead''s older offers are superseded');
reset role;
-- TEST: another account sees none of it.
select tests.act_as('revenue_api', :'b');
select is(public.lead_appointments(:'l')::jsonb, '{"tasks": [], "offered": [], "appointments": []}'::jsonb, 'another account sees nothing');
reset role;

select * from finish();
rollback;
