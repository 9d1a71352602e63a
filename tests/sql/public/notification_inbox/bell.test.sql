-- The bell lists the user's own in-app notifications; mark read touches only theirs.
begin;
select plan(6);

select tests.create_account() as a \gset
select tests.notification_member(:'a', 'owner') as o \gset
select tests.notification_member(:'a', 'admin') as ad \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
update public.leads set first_name = 'Ana' where id = :'l';
select tests.notification_event(:'a', 'positive_reply', :'l', now() - interval '2 minutes') as e1 \gset
select tests.notification_event(:'a', 'booked', :'l', now() - interval '1 minute') as e2 \gset

select tests.act_as('revenue_api', :'a');
select public.notification_inbox(:'o') as inbox \gset
select is((:'inbox'::jsonb ->> 'unread')::int, 2, 'two unread');
select results_eq(format($$select i ->> 'kind', i ->> 'lead_name', (i ->> 'read')::boolean from jsonb_array_elements(%L::jsonb -> 'items') i$$, :'inbox'),
  $$values ('booked'::text, 'Ana'::text, false), ('positive_reply', 'Ana', false)$$, 'newest first, with the lead''s name');

select (:'inbox'::jsonb -> 'items' -> 0 ->> 'id') as first \gset
select is(public.mark_notifications_read(:'o', array[:'first']::uuid[]), 1, 'mark one read');
select is((public.notification_inbox(:'o') ->> 'unread')::int, 1, 'one unread left');
select is(public.mark_notifications_read(:'ad', array[:'first']::uuid[]), 0, 'another user cannot mark it');
select is(public.mark_notifications_read(:'o'), 1, 'mark all read');

select * from finish();
rollback;
