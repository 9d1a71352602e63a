-- A transactional touch (payload meta.transactional: STOP confirmation, HELP reply)
-- is claimed for an opted-out lead, outside the send window, after a stop event
-- and during a negative cooldown; the same touch without the mark is canceled or
-- rescheduled.
begin;
select plan(6);

select tests.local_at(1, '22:00') as night \gset
select tests.local_at(1, '10:00') as day \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101') as l_optout \gset
select tests.create_lead(:'a', '+13055550102') as l_night \gset
select tests.create_lead(:'a', '+13055550103') as l_booked \gset
select tests.create_lead(:'a', '+13055550104') as l_negative \gset
select tests.record_event(:'a', :'l_optout', 'opt_out', :'day'::timestamptz - interval '2 hours', 'inbound', 'sms');
insert into public.suppressions (account_id, phone, reason, created_at)
values (:'a', '+13055550101', 'opt_out_keyword', :'day'::timestamptz - interval '2 hours');
select tests.record_event(:'a', :'l_booked', 'appointment_booked', :'day'::timestamptz - interval '2 hours', 'inbound');
select tests.record_event(:'a', :'l_negative', 'reply_negative', :'day'::timestamptz - interval '2 hours', 'inbound', 'sms');

select brain.queue_transactional_reply(:'a', :'l_optout', 'sms', 'opt_out_confirmation', 'unsubscribed', :'day'::timestamptz - interval '1 hour') as t_optout \gset
select brain.queue_transactional_reply(:'a', :'l_night', 'sms', 'help_reply', 'help', :'night'::timestamptz - interval '1 minute') as t_night \gset
select brain.queue_transactional_reply(:'a', :'l_booked', 'sms', 'help_reply', 'help', :'day'::timestamptz - interval '1 hour') as t_booked \gset
select brain.queue_transactional_reply(:'a', :'l_negative', 'sms', 'help_reply', 'help', :'day'::timestamptz - interval '1 hour') as t_negative \gset
-- (Claims below are seconds apart: the account has one number, one send a second.)
-- The same touches without the mark (attempt 2 of step 100).
select tests.create_touch(:'a', :'l_optout', null, 100, 'sms', 2, :'day'::timestamptz - interval '1 hour',
  '{"delivery": {"body": "x"}, "meta": {"source": "opt_out_confirmation"}}') as u_optout \gset
select tests.create_touch(:'a', :'l_night', null, 100, 'sms', 2, :'night'::timestamptz - interval '1 minute',
  '{"delivery": {"body": "x"}, "meta": {"source": "help_reply", "transactional": false}}') as u_night \gset

-- In time order (the limiter never gives a slot before the last one it gave).
create temp table res (k text, r jsonb) on commit drop;
insert into res select 'optout', brain.claim_touch(:'t_optout', null, :'day');
insert into res select 'booked', brain.claim_touch(:'t_booked', null, :'day'::timestamptz + interval '2 seconds');
insert into res select 'negative', brain.claim_touch(:'t_negative', null, :'day'::timestamptz + interval '4 seconds');
insert into res select 'u_optout', brain.claim_touch(:'u_optout', null, :'day'::timestamptz + interval '6 seconds');
insert into res select 'night', brain.claim_touch(:'t_night', null, :'night');
insert into res select 'u_night', brain.claim_touch(:'u_night', null, :'night'::timestamptz + interval '2 seconds');

-- TEST: transactional touches are claimed.
select set_eq($$select k, r->>'outcome' from res where k not like 'u\_%'$$,
  $$values ('optout', 'claimed'), ('night', 'claimed'), ('booked', 'claimed'), ('negative', 'claimed')$$,
  'claimed: to an opted-out lead, at 22:00, after appointment_booked, in a negative cooldown');
select is((select r->'send'->>'body' from res where k = 'optout'), 'unsubscribed', 'the confirmation carries its body');
select results_eq(
  format($$select status, to_address, from_address from public.outbound_messages where touch_run_id = %L$$, :'t_optout'),
  $$values ('pending'::text, '+13055550101'::text, '+13055550900'::text)$$,
  'an outbound message to the opted-out number, from the account''s number');

-- TEST: unmarked touches are not.
select is((select r - 'touch_run_id' from res where k = 'u_optout'), '{"outcome": "canceled", "reason": "suppressed"}'::jsonb,
  'without meta.transactional the same touch to the opted-out lead is canceled (suppressed)');
select is((select r->>'reason' from res where k = 'u_night'), 'outside_send_window',
  'meta.transactional = false: rescheduled outside the send window');
select is((select status from public.touch_runs where id = :'u_night'), 'scheduled', 'it waits for the window');

select * from finish();
rollback;
