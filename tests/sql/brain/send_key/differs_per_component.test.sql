-- Changing any one part of the intent gives a different key.
begin;
select plan(6);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset
select tests.create_lead(:'a', '+13055550101') as lead2 \gset
select tests.create_campaign(:'a', 'autos_outbound_miami') as camp \gset
select tests.create_campaign(:'a', 'autos_outbound_tampa') as camp2 \gset

select brain.send_key(:'lead', :'camp', 2, 'sms', 1) as base \gset

-- TEST: lead, campaign, step, channel and attempt each change the key.
select isnt(brain.send_key(:'lead2', :'camp', 2, 'sms', 1), :'base', 'another lead, another key');
select isnt(brain.send_key(:'lead', :'camp2', 2, 'sms', 1), :'base', 'another campaign, another key');
select isnt(brain.send_key(:'lead', :'camp', 3, 'sms', 1), :'base', 'another step, another key');
select isnt(brain.send_key(:'lead', :'camp', 2, 'email', 1), :'base', 'another channel, another key');
select isnt(brain.send_key(:'lead', :'camp', 2, 'sms', 2), :'base', 'another attempt, another key');

-- TEST: all the variations of one intent are pairwise different.
select is(
  (select count(distinct k) from (values
     (brain.send_key(:'lead', :'camp', 2, 'sms', 1)),
     (brain.send_key(:'lead2', :'camp', 2, 'sms', 1)),
     (brain.send_key(:'lead', :'camp2', 2, 'sms', 1)),
     (brain.send_key(:'lead', :'camp', 3, 'sms', 1)),
     (brain.send_key(:'lead', :'camp', 2, 'email', 1)),
     (brain.send_key(:'lead', :'camp', 2, 'sms', 2)),
     (brain.send_key(:'lead', :'camp', 1, 'sms', 2)),
     (brain.send_key(:'lead', :'camp', 12, 'sms', 1)),
     (brain.send_key(:'lead', :'camp', 1, 'sms', 21))) as v(k)),
  9::bigint,
  'nine different intents, nine different keys (including step 1 attempt 2 vs step 2 attempt 1)');

select * from finish();
rollback;
