-- START after a revocation in Spanish words restores texts: the suppression is lifted,
-- nothing is blocked any more, a new SMS touch is claimed, and START is confirmed.
begin;
select plan(6);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as l \gset
-- Not about enrichment (issue 19): the lead's is done, so nothing waits for it.
select tests.enrichment_done(:'l');
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz + interval '1 day');

select public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'No me escribas más', :'now');

-- TEST: revoked.
select is((select suppressed_channels from brain.lead_suppression_status_at(:'now'::timestamptz + interval '1 minute') where lead_id = :'l'),
  '{voice,sms,whatsapp}'::text[], 'after "No me escribas más" texts and calls are blocked');

select public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+13055550101', '+13055550900', 'START', :'now'::timestamptz + interval '1 hour');

-- TEST: restored.
select is((select count(*)::int from public.suppressions where phone = '+13055550101' and lifted_at is null), 0,
  'START lifts the suppression');
select results_eq(format($$select is_unsubscribed, suppressed_channels, reactivation_eligible_at is null from brain.lead_suppression_status_at(%L) where lead_id = %L$$,
                         :'now'::timestamptz + interval '2 hours', :'l'),
  $$values (false, '{}'::text[], true)$$, 'nothing is blocked any more');
-- A one-off text (the revocation stopped the enrollment; a person re-enrolls).
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz + interval '2 hours') as t \gset
select is(brain.claim_touch(:'t', null, :'now'::timestamptz + interval '2 hours')->>'outcome', 'claimed', 'a new SMS touch is claimed');
select is((select count(*)::int from public.touch_runs where lead_id = :'l' and payload->'meta'->>'source' = 'opt_in_confirmation'), 1,
  'START is confirmed once');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'opt_in'), 1, 'an opt_in event');

select * from finish();
rollback;
