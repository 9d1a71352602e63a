-- After STOP the dispatcher refuses the next campaign touch but sends the
-- confirmation, even at night (outside the send window).
begin;
select plan(4);

select tests.local_at(-2, '22:00') as night \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
update public.org_settings set business_name = 'Level 5 Motors' where account_id = :'a';
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as l \gset
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 2, 'sms');
select tests.enroll(:'a', :'c', :'l', :'night'::timestamptz + interval '1 day');

create temp table res on commit drop as
select public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'Stop', :'night') as r;
select (r->>'reply_touch_run_id')::uuid as confirmation from res \gset
-- A campaign touch planned afterwards (an orchestrator run racing the STOP).
select tests.create_touch(:'a', :'l', :'c', 2, 'sms', 1, :'night'::timestamptz + interval '1 minute') as t_campaign \gset

create temp table claims (k text, r jsonb) on commit drop;
insert into claims select 'confirmation', brain.claim_touch(:'confirmation', null, :'night'::timestamptz + interval '1 minute');
insert into claims select 'campaign', brain.claim_touch(:'t_campaign', null, :'night'::timestamptz + interval '2 minutes');

-- TEST: the confirmation goes out at 22:01.
select is((select r->>'outcome' from claims where k = 'confirmation'), 'claimed', 'the confirmation is claimed at 22:01');
select matches((select r->'send'->>'body' from claims where k = 'confirmation'), '^Level 5 Motors: ', 'with the business''s name');

-- TEST: the campaign touch does not.
select is((select r - 'touch_run_id' from claims where k = 'campaign'), '{"outcome": "canceled", "reason": "channel_suppressed"}'::jsonb,
  'the campaign touch is canceled: channel_suppressed (texts to this phone are revoked)');
select is((select count(*)::int from public.outbound_messages where lead_id = :'l'), 1, 'one outbound message: the confirmation');

select * from finish();
rollback;
