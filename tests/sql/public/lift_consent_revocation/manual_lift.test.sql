-- An operator lifts a revocation only with a reason; the lift ends the block and shows
-- on the timeline with the reason and the operator.
begin;
select plan(8);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as l \gset
select tests.create_lead(:'a', '+13055550102', p_lead_state => 'touched') as clean \gset
select public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'I quit my job, can''t buy now', :'now');

-- TEST: a reason is required.
select throws_ok(format($$select public.lift_consent_revocation(%L, null, 'ops@example.com', %L)$$, :'l', :'now'::timestamptz + interval '1 hour'),
  '22023', 'consent_lift_reason_required', 'no reason: refused');
select throws_ok(format($$select public.lift_consent_revocation(%L, '  ', 'ops@example.com', %L)$$, :'l', :'now'::timestamptz + interval '1 hour'),
  '22023', 'consent_lift_reason_required', 'a blank reason: refused');
select is((select suppressed_channels from brain.lead_suppression_status_at(:'now'::timestamptz + interval '2 hours') where lead_id = :'l'),
  '{voice,sms,whatsapp}'::text[], 'a refused lift changes nothing');

-- TEST: lifted with a reason.
select is(public.lift_consent_revocation(:'l', 'Lead called: "quit" was about his job, wants offers', 'ops@example.com',
                                         :'now'::timestamptz + interval '1 hour') - 'lead_id',
  '{"outcome": "lifted", "suppressions_lifted": 3}'::jsonb, 'lifted: the phone''s three suppressions');
select results_eq(format($$select is_unsubscribed, suppressed_channels from brain.lead_suppression_status_at(%L) where lead_id = %L$$,
                         :'now'::timestamptz + interval '2 hours', :'l'),
  $$values (false, '{}'::text[])$$, 'texts and calls are allowed again');
select is((select consent_review_at from public.leads where id = :'l'), null, 'the consent review mark is cleared');
select ok(exists (select 1 from public.lead_timeline(:'l') where event_type = 'consent_lifted'
                  and summary like '%Lead called: "quit" was about his job%'), 'the timeline shows the lift and its reason');

-- TEST: nothing to lift.
select is(public.lift_consent_revocation(:'clean', 'just checking', 'ops@example.com', :'now') ->> 'outcome', 'not_revoked',
  'a lead that never revoked: not_revoked');

select * from finish();
rollback;
