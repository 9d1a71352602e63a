-- The one list of template variables, and a value for each from the lead and account.
begin;
select plan(4);

-- TEST: the list.
select is(array(select name from public.template_variables()),
  array['first_name', 'last_name', 'full_name', 'business_name', 'city', 'vehicle', 'setter_name', 'persona_name',
        'booking_link', 'availability'],
  'the published variables');

-- TEST: every published variable gets a value from a fully filled lead.
select tests.create_account() as a \gset
select tests.create_user(:'a') as u \gset
update public.users set display_name = 'Carla Setter' where id = :'u';
update public.org_settings set business_name = 'Level 5 Motors', persona_name = 'Sofia', booking_link = 'https://calendly.test/level5/30min'
where account_id = :'a';
select tests.fresh_slots(:'a', array[tests.local_at(2, '10:00'), tests.local_at(3, '15:30')]);
select tests.create_lead(:'a', '+13055550101') as l \gset
update public.leads set first_name = 'Ana', last_name = 'Garcia', city = 'Miami', assigned_user_id = :'u',
       attributes = '{"vehicle": {"year": 2015, "make_model": "honda civic", "odometer": 90000}}'
where id = :'l';
select is(brain.template_values(:'l') - 'availability',
  '{"first_name": "Ana", "last_name": "Garcia", "full_name": "Ana Garcia", "business_name": "Level 5 Motors", "city": "Miami",
    "vehicle": "2015 honda civic", "setter_name": "Carla Setter", "persona_name": "Sofia",
    "booking_link": "https://calendly.test/level5/30min"}'::jsonb,
  'every variable has a value');
select is_empty(
  format($$select name from public.template_variables() where not brain.template_values(%L) ? name$$, :'l'),
  'no published variable lacks a source');

-- TEST: blank values are missing, and vehicle may be text.
update public.leads set first_name = '  ', last_name = 'Garcia', city = null, assigned_user_id = null,
       attributes = '{"vehicle": "Toyota Corolla 2012"}' where id = :'l';
select is(brain.template_values(:'l') - array['business_name', 'persona_name', 'booking_link', 'availability'],
  '{"last_name": "Garcia", "full_name": "Garcia", "vehicle": "Toyota Corolla 2012"}'::jsonb,
  'a blank first name and an unassigned lead leave those variables out; a text vehicle is used as is');

select * from finish();
rollback;
