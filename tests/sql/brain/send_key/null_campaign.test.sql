-- A send with no campaign has a stable key of its own, different from any campaign's.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset
select tests.create_campaign(:'a', 'autos_outbound_miami') as camp \gset
select tests.create_campaign(:'a', 'autos_outbound_tampa') as camp2 \gset

select brain.send_key(:'lead', null, 1, 'sms', 1) as k_none \gset

-- TEST: the key without a campaign exists and is stable.
select isnt(brain.send_key(:'lead', null, 1, 'sms', 1), null, 'a null campaign still gives a key');
select is(brain.send_key(:'lead', null, 1, 'sms', 1), :'k_none', 'the same campaign-less intent gives the same key');

-- TEST: it differs from the key of the same intent in any campaign.
select isnt(brain.send_key(:'lead', :'camp', 1, 'sms', 1), :'k_none', 'differs from campaign 1''s key');
select isnt(brain.send_key(:'lead', :'camp2', 1, 'sms', 1), :'k_none', 'differs from campaign 2''s key');

select * from finish();
rollback;
