-- A delivery is claimed before the provider is called, once: a second claim (a retried
-- job, a second worker) gets nothing; a transient failure releases it for the retry; a
-- claim whose outcome never came back is failed, never sent again.
begin;
select plan(11);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.notification_member(:'a', 'owner', null, null, 'U0OWNER01') as owner \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
update public.leads set first_name = 'Ana', last_name = 'Diaz' where id = :'l';
insert into public.notification_preferences (account_id, user_id, event_kind, channel, delivery)
values (:'a', :'owner', 'booked', 'slack', 'realtime'), (:'a', :'owner', 'booked', 'email', 'realtime');
select tests.book_appointment(:'a', :'l', :'now'::timestamptz + interval '1 day') as ap \gset
select id as ev from public.notification_events where subject_id = :'ap' \gset

set local role revenue_worker;
select brain.claim_notification_deliveries(:'ev', :'now') as c1 \gset
select brain.claim_notification_deliveries(:'ev', :'now') as c2 \gset
reset role;

-- TEST: the first claim takes both, with what the notification needs.
select results_eq(format($$select d ->> 'channel', d ->> 'slack_member_id' from jsonb_array_elements(%L::jsonb -> 'deliveries') d order by 1$$, :'c1'),
  $$values ('email'::text, 'U0OWNER01'::text), ('slack', 'U0OWNER01')$$, 'both claimed, with the Slack member id');
select results_eq(format($$select e ->> 'kind', e ->> 'lead_name', e ->> 'label' from (select %L::jsonb -> 'event' e) x$$, :'c1'),
  $$values ('booked'::text, 'Ana Diaz'::text, 'Meeting booked'::text)$$, 'the event: kind, the lead''s name, the label');

-- TEST: two claims of one delivery → one wins.
select is(jsonb_array_length(:'c2'::jsonb -> 'deliveries'), 0, 'the second claim gets nothing');
select results_eq(format($$select attempts, status, claimed_at from public.notification_deliveries where event_id = %L and channel = 'slack'$$, :'ev'),
  format($$values (1, 'pending'::text, %L::timestamptz)$$, :'now'), 'claimed once: attempts 1, claimed_at');

select (d ->> 'delivery_id') as slack_d from jsonb_array_elements(:'c1'::jsonb -> 'deliveries') d where d ->> 'channel' = 'slack' \gset
select (d ->> 'delivery_id') as email_d from jsonb_array_elements(:'c1'::jsonb -> 'deliveries') d where d ->> 'channel' = 'email' \gset

-- TEST: recorded sent once; a second record changes nothing.
select is(brain.record_notification_delivery(:'slack_d', 'sent', null, 'D1:1.2', :'now') ->> 'recorded', 'true', 'recorded sent');
select is(brain.record_notification_delivery(:'slack_d', 'failed', 'late', null, :'now') ->> 'recorded', 'false', 'a second outcome is refused');
select results_eq(format($$select status, sent_at, provider_ref from public.notification_deliveries where id = %L$$, :'slack_d'),
  format($$values ('sent'::text, %L::timestamptz, 'D1:1.2'::text)$$, :'now'), 'sent at p_now with the Slack reference');

-- TEST: retry releases the claim for the next attempt.
select brain.record_notification_delivery(:'email_d', 'retry', 'network_error', null, :'now');
select is(jsonb_array_length(brain.claim_notification_deliveries(:'ev', :'now'::timestamptz + interval '1 minute') -> 'deliveries'), 1,
  'a released delivery is claimed again');
select is((select attempts from public.notification_deliveries where id = :'email_d'), 2, 'attempts 2');

-- TEST: a claim never recorded is failed as outcome_unknown after 10 minutes, not sent again.
select is(jsonb_array_length(brain.claim_notification_deliveries(:'ev', :'now'::timestamptz + interval '20 minutes') -> 'deliveries'), 0,
  'nothing to claim after a lost outcome');
select matches((select status || ': ' || error from public.notification_deliveries where id = :'email_d'), '^failed: outcome_unknown',
  'the lost one is failed as outcome_unknown');

select * from finish();
rollback;
