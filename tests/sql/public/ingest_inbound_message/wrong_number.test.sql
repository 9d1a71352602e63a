-- "Wrong number": the phone goes on the account's do-not-contact list for SMS,
-- WhatsApp and voice and is marked not the lead's; the lead keeps its email and its
-- campaign; one apology goes out.
begin;
select plan(10);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
update public.org_settings set business_name = 'Level 5 Motors' where account_id = :'a';
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', 'touched') as l \gset
-- Not about enrichment (issue 19): the lead's is done, so nothing waits for it.
select tests.enrichment_done(:'l');
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.create_step(:'a', :'c', 2, 'email');
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz + interval '1 day');
select tests.create_touch(:'a', :'l', :'c', 1, 'sms', 1, :'now'::timestamptz + interval '1 day') as t_sms \gset
select tests.create_touch(:'a', :'l', :'c', 2, 'email', 1, :'now'::timestamptz - interval '1 minute') as t_email \gset

create temp table res on commit drop as
select public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'Número equivocado, no soy Ana', :'now') as r;

-- TEST: the decision.
select is((select r->>'keyword' || ' ' || (r->>'consent_rule') from res), 'wrong_number wrong_number:numero equivocado',
  'recorded as wrong_number');

-- TEST: the phone is on the do-not-contact list and not the lead's.
select results_eq(format($$select channel::text, phone::text, reason from public.suppressions where account_id = %L and lifted_at is null order by channel::text$$, :'a'),
  $$values ('sms'::text, '+13055550101'::text, 'wrong_number'::text), ('voice', '+13055550101', 'wrong_number'), ('whatsapp', '+13055550101', 'wrong_number')$$,
  'the phone is suppressed for sms, voice and whatsapp: wrong_number');
select is((select phone_wrong_number_at from public.leads where id = :'l'), :'now'::timestamptz, 'the phone is marked not the lead''s');
select results_eq(format($$select is_unsubscribed, suppressed_channels from brain.lead_suppression_status_at(%L) where lead_id = %L$$,
                         :'now'::timestamptz + interval '1 minute', :'l'),
  $$values (false, '{voice,sms,whatsapp}'::text[])$$, 'texts, WhatsApp and calls are blocked; email is not');

-- TEST: texts are canceled; email goes on.
select results_eq(format($$select status, error_code from public.touch_runs where id = %L$$, :'t_sms'),
  $$values ('canceled'::text, 'wrong_number'::text)$$, 'the pending SMS is canceled: wrong_number');
select is((select status from public.campaign_leads where lead_id = :'l'), 'active', 'the enrollment goes on');
select is(brain.claim_touch(:'t_email', null, :'now'::timestamptz + interval '1 minute')->>'outcome', 'claimed',
  'the email touch is claimed');
select tests.create_touch(:'a', :'l', :'c', 1, 'sms', 2, :'now'::timestamptz + interval '1 minute') as t_sms2 \gset
select is(brain.claim_touch(:'t_sms2', null, :'now'::timestamptz + interval '2 minutes')->>'reason', 'channel_suppressed',
  'a later SMS touch is canceled at claim: channel_suppressed');

-- TEST: one apology, and memory.
select is((select count(*)::int from public.touch_runs where lead_id = :'l' and payload->'meta'->>'source' = 'wrong_number_confirmation'), 1,
  'one transactional apology is queued');
select is((select payload->>'rule' from public.core_memory_events where lead_id = :'l' and event_type = 'wrong_number'),
  'wrong_number:numero equivocado', 'a wrong_number event names the rule');

select * from finish();
rollback;
