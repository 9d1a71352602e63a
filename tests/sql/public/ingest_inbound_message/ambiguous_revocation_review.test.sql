-- A revocation word inside a longer, even positive, sentence is honoured at once and
-- the lead is marked for a person's consent review; START clears the mark.
begin;
select plan(5);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as l \gset

select public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900',
  'I can''t stop thinking about that truck', :'now');

-- TEST: opted out anyway, marked for review, with the rule.
select is((select suppressed_channels from brain.lead_suppression_status_at(:'now'::timestamptz + interval '1 minute') where lead_id = :'l'),
  '{voice,sms,whatsapp}'::text[], 'the ambiguous reply revokes consent at once');
select results_eq(format($$select consent_review_at, consent_review_rule from public.leads where id = %L$$, :'l'),
  format($$values (%L::timestamptz, 'fcc_word:stop'::text)$$, :'now'), 'the lead is marked for consent review');
select is((select (payload->>'needs_review')::boolean from public.core_memory_events where lead_id = :'l' and event_type = 'opt_out'), true,
  'the opt_out event says it needs review');
select ok(exists (select 1 from public.lead_timeline(:'l') where event_type = 'opt_out' and summary like '%fcc_word:stop%'),
  'the timeline names the rule');

select public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+13055550101', '+13055550900', 'START', :'now'::timestamptz + interval '1 hour');
-- TEST: START clears the mark.
select is((select consent_review_at from public.leads where id = :'l'), null, 'START clears the review mark');

select * from finish();
rollback;
