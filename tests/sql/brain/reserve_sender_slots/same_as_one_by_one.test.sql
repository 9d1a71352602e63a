-- Several slots of one sender at once are the slots the same number of single
-- reservations in a row would get, refusals included, and leave the sender's log the same.
begin;
select plan(4);

select tests.local_at(1, '10:00') as p \gset
select tests.create_account() as a \gset
-- Two sends already in the log.
insert into public.sender_rate_state (account_id, channel, sender, recent)
values (:'a', 'sms', '+13055550999', array[:'p'::timestamptz - interval '1 second', :'p'::timestamptz - interval '300 milliseconds']);

savepoint before;
select jsonb_agg(jsonb_build_object('slot_at', slot_at, 'reserved', reserved) order by n) as many
from brain.reserve_sender_slots(:'a', 'sms', '+13055550999', 2, 6, :'p') \gset
select recent as many_log from public.sender_rate_state where account_id = :'a' \gset
rollback to savepoint before;

create temp table one (n int, slot_at timestamptz, reserved boolean);
insert into one select 1, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550999', 2, :'p');
insert into one select 2, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550999', 2, :'p');
insert into one select 3, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550999', 2, :'p');
insert into one select 4, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550999', 2, :'p');
insert into one select 5, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550999', 2, :'p');
insert into one select 6, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550999', 2, :'p');
select jsonb_agg(jsonb_build_object('slot_at', slot_at, 'reserved', reserved) order by n) as single from one \gset
select recent as single_log from public.sender_rate_state where account_id = :'a' \gset

-- TEST: the same slots, the same refusals, the same log.
select is(:'many'::jsonb, :'single'::jsonb, 'six slots at once are six single reservations in a row');
select is((select count(*)::int from jsonb_array_elements(:'many'::jsonb) x where not (x ->> 'reserved')::boolean), 2,
          'two of the six are past the 2.5 s wait and refused (at the slot they would get)');
select is(:'many_log'::timestamptz[], :'single_log'::timestamptz[], 'the sender''s log ends the same');

-- TEST: a count outside 1 to 10000 is refused.
select throws_ok(format($$select * from brain.reserve_sender_slots(%L, 'sms', 'x', 1, 0, now())$$, :'a'), '22023', 'invalid_argument',
                 'zero slots is an invalid argument');

select * from finish();
rollback;
