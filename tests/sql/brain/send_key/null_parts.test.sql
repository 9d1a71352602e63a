-- A send key without its lead, step, channel or attempt is refused, not silently shortened.
begin;
select plan(4);

select throws_ok($$select brain.send_key(null, null, 1, 'sms', 1)$$, '22004', 'invalid_send_key', 'no lead');
select throws_ok($$select brain.send_key(gen_random_uuid(), null, null, 'sms', 1)$$, '22004', 'invalid_send_key', 'no step');
select throws_ok($$select brain.send_key(gen_random_uuid(), null, 1, null, 1)$$, '22004', 'invalid_send_key', 'no channel');
select throws_ok($$select brain.send_key(gen_random_uuid(), null, 1, 'sms', null)$$, '22004', 'invalid_send_key', 'no attempt');

select * from finish();
rollback;
