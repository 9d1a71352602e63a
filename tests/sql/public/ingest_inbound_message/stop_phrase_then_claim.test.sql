-- "Please stop texting me" is honoured in the transaction that records it: a touch
-- already queued is canceled and never sent when a worker claims it afterwards; a
-- touch of another campaign planned after the reply (an orchestrator racing it) is
-- canceled at claim with a reason; the voice step too; the one confirmation goes out.
begin;
select plan(8);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.give_senders(:'a', '+13055550900', p_channel => 'voice');
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as l \gset
select tests.create_campaign(:'a') as c1 \gset
select tests.create_campaign(:'a') as c2 \gset
select tests.create_step(:'a', :'c1', 1, 'sms');
select tests.create_step(:'a', :'c2', 1, 'sms');
select tests.create_step(:'a', :'c2', 2, 'voice');
select tests.enroll(:'a', :'c1', :'l', :'now'::timestamptz - interval '1 minute');
select tests.enroll(:'a', :'c2', :'l', :'now'::timestamptz - interval '1 minute');
-- Queued and due before the reply arrives: a dispatch job is on its way.
select tests.create_touch(:'a', :'l', :'c1', 1, 'sms', 1, :'now'::timestamptz - interval '1 minute') as t_queued \gset
update public.touch_runs set status = 'queued' where id = :'t_queued';

create temp table res on commit drop as
select public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'Please stop texting me', :'now') as r;
select (r->>'reply_touch_run_id')::uuid as confirmation from res \gset
-- Planned after the reply's commit by another campaign: sms, then voice.
select tests.create_touch(:'a', :'l', :'c2', 1, 'sms', 1, :'now'::timestamptz + interval '1 minute') as t_sms_after \gset
select tests.create_touch(:'a', :'l', :'c2', 2, 'voice', 1, :'now'::timestamptz + interval '1 minute') as t_voice_after \gset

create temp table claims (k text, r jsonb) on commit drop;
insert into claims select 'queued', brain.claim_touch(:'t_queued', null, :'now'::timestamptz + interval '1 minute');
insert into claims select 'sms_after', brain.claim_touch(:'t_sms_after', null, :'now'::timestamptz + interval '2 minutes');
insert into claims select 'voice_after', brain.claim_touch(:'t_voice_after', null, :'now'::timestamptz + interval '2 minutes');
insert into claims select 'confirmation', brain.claim_touch(:'confirmation', null, :'now'::timestamptz + interval '1 minute');

-- TEST: the reply is a revocation, by its phrase.
select is((select r->>'keyword' || ' ' || (r->>'consent_rule') from res), 'opt_out en_phrase:stop texting',
  'recorded as opt_out by the phrase "stop texting"');

-- TEST: the queued touch is canceled by the reply itself and the claim does not send it.
select results_eq(format($$select status, error_code from public.touch_runs where id = %L$$, :'t_queued'),
  $$values ('canceled'::text, 'opt_out'::text)$$, 'the already-queued touch is canceled: opt_out');
select is((select r->>'outcome' from claims where k = 'queued'), 'skipped', 'its claim afterwards sends nothing');

-- TEST: touches planned after the reply are canceled at claim with a reason.
select is((select r - 'touch_run_id' from claims where k = 'sms_after'),
  '{"outcome": "canceled", "reason": "channel_suppressed"}'::jsonb, 'another campaign''s SMS: canceled, channel_suppressed');
select is((select r - 'touch_run_id' from claims where k = 'voice_after'),
  '{"outcome": "canceled", "reason": "channel_suppressed"}'::jsonb, 'a call to the number: canceled, channel_suppressed');
select is((select error_code from public.touch_runs where id = :'t_sms_after'), 'channel_suppressed', 'the reason is on the touch');

-- TEST: exactly one message goes out: the confirmation.
select is((select r->>'outcome' from claims where k = 'confirmation'), 'claimed', 'the confirmation is claimed');
select is((select count(*)::int from public.outbound_messages where lead_id = :'l'), 1, 'one outbound message: the confirmation');

select * from finish();
rollback;
