-- Issue 19: while a lead's enrichment is pending, the claim holds its touch until the
-- wait ends (enrichment_requested_at + org_settings.enrichment_wait_seconds), marked so the
-- end of the enrichment releases it; after the wait it goes on with what is known and the
-- lead's memory says the enrichment timed out. A carrier-required reply never waits, and
-- a wait of 0 seconds means never wait.
begin;
select plan(12);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101') as l \gset
-- Queued two minutes before p_now: the default 10-minute wait ends 8 minutes after it.
update public.leads set enrichment_requested_at = :'now'::timestamptz - interval '2 minutes' where id = :'l';
select :'now'::timestamptz + interval '8 minutes' as deadline \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 minute') as t \gset

-- TEST: held until the wait ends, marked, nothing sent.
select brain.claim_touch(:'t', 'w', :'now') as r \gset
select is(:'r'::jsonb ->> 'outcome', 'rescheduled', 'a touch of a pending lead is rescheduled');
select is(:'r'::jsonb ->> 'reason', 'enrichment_pending', 'reason enrichment_pending');
select results_eq(format('select status, scheduled_at, held_for from public.touch_runs where id = %L', :'t'),
  format($$values ('scheduled'::text, %L::timestamptz, 'enrichment'::text)$$, :'deadline'),
  'scheduled at the end of the wait, held for enrichment');
select is((select count(*)::int from public.outbound_messages where account_id = :'a'), 0, 'no outbound message yet');
select is((select count(*)::int from tests.dispatch_jobs(:'t') where run_at = :'deadline'::timestamptz), 1,
  'the dispatch job is queued for the end of the wait');

-- TEST: a carrier-required reply is not held.
select is(brain.claim_touch(brain.queue_transactional_reply(:'a', :'l', 'sms', 'help_reply', 'help', :'now'::timestamptz - interval '1 minute'),
                            null, :'now'::timestamptz + interval '5 seconds')->> 'outcome',
  'claimed', 'a HELP reply goes at once');

-- TEST: at the end of the wait, still pending: claimed on what is known, and said so.
select is(brain.claim_touch(:'t', 'w', :'deadline') ->> 'outcome', 'claimed', 'claimed when the wait has ended');
select is((select held_for from public.touch_runs where id = :'t'), null, 'the hold mark is cleared on claim');
select results_eq(
  format($$select event_type, channel::text, payload ->> 'reason', (payload ->> 'waited_until')::timestamptz
           from public.core_memory_events where lead_id = %L and event_type = 'enrichment_wait_expired'$$, :'l'),
  format($$values ('enrichment_wait_expired'::text, 'sms'::text, 'enrichment_timed_out'::text, %L::timestamptz)$$, :'deadline'),
  'the lead''s memory says the enrichment timed out and the touch went ahead');

-- TEST: a lead whose email changed does not hold its already checked phone; its email waits.
-- (Later claims run a minute after the first lead's wait, past its sends' slots.)
select :'deadline'::timestamptz + interval '1 minute' as later \gset
select tests.create_lead(:'a', '+13055550102', 'old@example.com') as l2 \gset
select tests.enriched(:'l2', p_at => :'later'::timestamptz - interval '1 day');
update public.leads set email = 'new@example.com' where id = :'l2';
update public.leads set enrichment_requested_at = :'later'::timestamptz - interval '1 minute' where id = :'l2';
select is(brain.claim_touch(tests.create_touch(:'a', :'l2', null, 1, 'sms', 1, :'later'::timestamptz - interval '1 minute'), 'w', :'later') ->> 'outcome',
  'claimed', 'the checked phone is texted while the new email is checked');
select is(brain.claim_touch(tests.create_touch(:'a', :'l2', null, 1, 'email', 1, :'later'::timestamptz - interval '1 minute'), 'w', :'later') ->> 'reason',
  'enrichment_pending', 'the new email waits');

-- TEST: a wait of 0 seconds never holds.
update public.org_settings set enrichment_wait_seconds = 0 where account_id = :'a';
select tests.create_lead(:'a', '+13055550103') as l3 \gset
update public.leads set enrichment_requested_at = :'later' where id = :'l3';
select is(brain.claim_touch(tests.create_touch(:'a', :'l3', null, 1, 'sms', 1, :'later'::timestamptz - interval '1 minute'), 'w', :'later') ->> 'outcome',
  'claimed', 'enrichment_wait_seconds = 0: claimed at once, pending or not');

select * from finish();
rollback;
