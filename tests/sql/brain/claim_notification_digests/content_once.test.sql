-- The digest lists the events since the previous digest, of the kinds the user wants in
-- it, grouped by kind, each once; its ledger row exists before anything is sent, so a
-- second run (or worker) gets nothing; an empty digest is skipped.
begin;
select plan(11);

select tests.create_account() as a \gset
update public.org_settings set timezone = 'Asia/Kolkata' where account_id = :'a';
select tests.notification_member(:'a', 'owner') as owner \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
update public.leads set first_name = 'Ana', last_name = 'Diaz' where id = :'l';
-- Digest at 09:00 IST = 03:30 UTC. The owner wants booked on Slack in the digest too.
insert into public.notification_preferences (account_id, user_id, event_kind, channel, delivery)
values (:'a', :'owner', 'booked', 'slack', 'daily_digest'), (:'a', :'owner', 'integration_failing', 'email', 'off');

select tests.notification_event(:'a', 'positive_reply', :'l', '2026-01-14 02:00+00') as e_old \gset
select tests.notification_event(:'a', 'positive_reply', :'l', '2026-01-14 23:00+00') as e1 \gset
select tests.notification_event(:'a', 'booked', :'l', '2026-01-15 01:00+00') as e2 \gset
select tests.notification_event(:'a', 'positive_reply', :'l', '2026-01-15 02:00+00') as e3 \gset
select tests.notification_event(:'a', 'integration_failing', null, '2026-01-15 02:30+00') as e4 \gset

set local role revenue_worker;
select brain.claim_notification_digests('2026-01-15 03:30+00') as r1 \gset
select brain.claim_notification_digests('2026-01-15 03:35+00') as r2 \gset
reset role;

-- TEST: one email and one Slack digest for the local date.
select results_eq(format($$select x ->> 'channel', x ->> 'local_date', (x ->> 'event_count')::int from jsonb_array_elements(%L::jsonb) x order by 1$$, :'r1'),
  $$values ('email'::text, '2026-01-15'::text, 3), ('slack', '2026-01-15', 1)$$,
  'email: the last 24 hours'' positive replies and the booking (not the integration alert, turned off); Slack: the booking');
select results_eq(format($$select g ->> 'kind', (g ->> 'count')::int from jsonb_array_elements(%L::jsonb) x, jsonb_array_elements(x -> 'groups') g where x ->> 'channel' = 'email'$$, :'r1'),
  $$values ('positive_reply'::text, 2), ('booked', 1)$$, 'grouped by kind, in the kinds'' order');
select results_eq(format($$select e ->> 'event_id' from jsonb_array_elements(%L::jsonb) x, jsonb_array_elements(x -> 'groups') g, jsonb_array_elements(g -> 'events') e where x ->> 'channel' = 'email' order by e ->> 'occurred_at'$$, :'r1'),
  format($$values (%L::text), (%L), (%L)$$, :'e1', :'e2', :'e3'), 'each event once; the one older than 24 hours is not listed');
select results_eq(format($$select distinct e ->> 'lead_name' from jsonb_array_elements(%L::jsonb) x, jsonb_array_elements(x -> 'groups') g, jsonb_array_elements(g -> 'events') e$$, :'r1'),
  $$values ('Ana Diaz'::text)$$, 'the lead''s name');

-- TEST: the ledger row exists (claimed) before sending; the second run gets nothing.
select results_eq(format($$select channel, status, attempts, dedupe_key from public.notification_deliveries where account_id = %L and kind = 'digest' order by channel$$, :'a'),
  format($$values ('email'::text, 'pending'::text, 1, %L::text), ('slack', 'pending', 1, %L)$$,
         'digest:' || :'owner' || ':2026-01-15:email', 'digest:' || :'owner' || ':2026-01-15:slack'),
  'claimed: pending, attempt 1, keyed digest:<user>:<local date>:<channel>');
select is(:'r2'::jsonb, '[]'::jsonb, 'a second run five minutes later gets nothing');

-- TEST: the next day lists only what came after.
select id as em from public.notification_deliveries where account_id = :'a' and kind = 'digest' and channel = 'email' \gset
select brain.record_notification_delivery(:'em', 'sent', null, 'tx-1', '2026-01-15 03:31+00');
select tests.notification_event(:'a', 'meeting_requested', :'l', '2026-01-15 12:00+00') as e5 \gset
select brain.claim_notification_digests('2026-01-16 03:30+00') as r3 \gset
select results_eq(format($$select e ->> 'event_id' from jsonb_array_elements(%L::jsonb) x, jsonb_array_elements(x -> 'groups') g, jsonb_array_elements(g -> 'events') e where x ->> 'channel' = 'email'$$, :'r3'),
  format($$values (%L::text)$$, :'e5'), 'the next digest lists only the new event');
select is((select digest_window_start from public.notification_deliveries where account_id = :'a' and dedupe_key = 'digest:' || :'owner' || ':2026-01-16:email'),
  '2026-01-15 03:30+00'::timestamptz, 'its window starts where the previous digest ended');

-- TEST: nothing new: skipped, not sent.
select is(jsonb_array_length(brain.claim_notification_digests('2026-01-17 03:30+00')), 0, 'nothing to send on a quiet day');
select results_eq(format($$select channel, status, error from public.notification_deliveries where account_id = %L and digest_date = '2026-01-17' order by channel$$, :'a'),
  $$values ('email'::text, 'skipped'::text, 'nothing to report'::text), ('slack', 'skipped', 'nothing to report')$$, 'recorded skipped');

-- TEST: a digest claim never recorded is failed as outcome_unknown, not sent again.
select brain.claim_notification_digests('2026-01-16 03:50+00');
select matches((select status || ': ' || error from public.notification_deliveries where account_id = :'a' and dedupe_key = 'digest:' || :'owner' || ':2026-01-16:email'),
  '^failed: outcome_unknown', 'a lost digest is failed, never sent twice');

select * from finish();
rollback;
