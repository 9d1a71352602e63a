-- Several slots of several senders at once are the slots the same number of single
-- reservations in a row would get for each sender, refusals included, and leave
-- each sender's log the same.
begin;
select plan(5);

select tests.local_at(1, '10:00') as p \gset
select tests.create_account() as a \gset
-- Two sends already in the first sender's log; the second sender has none yet.
insert into public.sender_rate_state (account_id, channel, sender, recent)
values (:'a', 'sms', '+13055550999', array[:'p'::timestamptz - interval '1 second', :'p'::timestamptz - interval '300 milliseconds']);

savepoint before;
select jsonb_agg(jsonb_build_object('sender', sender, 'slot_at', slot_at, 'reserved', reserved) order by sender, n) as many
from brain.reserve_sender_slots(:'a', 'sms', array['+13055550999', '+13055550998'], array[6, 2], 2, :'p') \gset
select jsonb_object_agg(sender, recent) as many_logs from public.sender_rate_state where account_id = :'a' \gset
rollback to savepoint before;

create temp table one (sender text, n int, slot_at timestamptz, reserved boolean);
insert into one select '+13055550999', 1, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550999', 2, :'p');
insert into one select '+13055550999', 2, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550999', 2, :'p');
insert into one select '+13055550998', 1, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550998', 2, :'p');
insert into one select '+13055550999', 3, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550999', 2, :'p');
insert into one select '+13055550999', 4, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550999', 2, :'p');
insert into one select '+13055550998', 2, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550998', 2, :'p');
insert into one select '+13055550999', 5, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550999', 2, :'p');
insert into one select '+13055550999', 6, * from brain.reserve_sender_slot(:'a', 'sms', '+13055550999', 2, :'p');
select jsonb_agg(jsonb_build_object('sender', sender, 'slot_at', slot_at, 'reserved', reserved) order by sender, n) as single from one \gset
select jsonb_object_agg(sender, recent) as single_logs from public.sender_rate_state where account_id = :'a' \gset

-- TEST: the same slots, the same refusals, the same logs.
select is(:'many'::jsonb, :'single'::jsonb, 'eight slots of two senders at once are eight single reservations');
select is((select count(*)::int from jsonb_array_elements(:'many'::jsonb) x where not (x ->> 'reserved')::boolean), 2,
          'two of the first sender''s six are past the 2.5 s wait and refused (at the slot they would get)');
select is(:'many_logs'::jsonb, :'single_logs'::jsonb, 'each sender''s log ends the same');

-- TEST: bad arguments are refused.
select throws_ok(format($$select * from brain.reserve_sender_slots(%L, 'sms', array['x'], array[0], 1, now())$$, :'a'), '22023', 'invalid_argument',
                 'zero slots is an invalid argument');
select throws_ok(format($$select * from brain.reserve_sender_slots(%L, 'sms', array['x', 'x'], array[1, 1], 1, now())$$, :'a'), '22023', 'invalid_argument',
                 'a sender named twice is an invalid argument');

select * from finish();
rollback;
