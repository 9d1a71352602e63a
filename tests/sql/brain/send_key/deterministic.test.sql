-- The same send intent always gets the same key.
begin;
select plan(3);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset
select tests.create_campaign(:'a', 'autos_outbound_miami') as camp \gset

select brain.send_key(:'lead', :'camp', 2, 'sms', 1) as k1 \gset

-- TEST: recomputing the key for the same intent gives the same text.
select is(brain.send_key(:'lead', :'camp', 2, 'sms', 1), :'k1', 'same inputs, same key');
select is(
  (select count(distinct brain.send_key(:'lead', :'camp', 2, 'sms', 1)) from generate_series(1, 5)),
  1::bigint,
  'five computations of the same intent give one key');

-- TEST: the key is a usable value (not null, within outbound_messages' length bounds).
select ok(length(:'k1') between 8 and 400, 'the key is non-null and between 8 and 400 characters');

select * from finish();
rollback;
