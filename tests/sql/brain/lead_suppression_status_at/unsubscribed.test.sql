-- is_unsubscribed: an unsubscribe or an all-channels revocation, an all-channel
-- suppression of the phone or email, status or lead_state suppressed. A STOP by SMS
-- blocks texts and calls only; channel-specific entries only restrict their channel.
begin;
select plan(19);

select tests.create_account() as a \gset
select tests.create_account() as b \gset

create temp table t0 as select timestamptz '2026-05-01 12:00:00+00' as t0;

select tests.create_lead(:'a', '+13055550100', 'ana@example.com') as clean \gset
select tests.create_lead(:'a', '+13055550101') as stopped \gset
select tests.record_event(:'a', :'stopped', 'opt_out', '2026-05-01 10:00+00', 'inbound', 'sms', '{"scope": "phone"}');

select results_eq(
  format('select is_unsubscribed, suppression_reason, suppressed_channels, in_negative_cooldown from brain.lead_suppression_status_at(%L) where lead_id = %L', '2026-05-01 12:00+00', :'clean'),
  $$values (false, null::text, '{}'::text[], false)$$,
  'a lead with nothing against it may be contacted');
select results_eq(
  format('select is_unsubscribed, suppression_reason, suppressed_channels from brain.lead_suppression_status_at(%L) where lead_id = %L', '2026-05-01 12:00+00', :'stopped'),
  $$values (false, 'opt_out:sms'::text, '{voice,sms,whatsapp}'::text[])$$,
  'STOP by SMS blocks texts and calls to the lead, not its email');
select is(
  (select suppressed_channels from brain.lead_suppression_status_at('2026-05-01 09:59+00') where lead_id = :'stopped'),
  '{}'::text[], 'before the STOP arrived the lead was contactable (time travel)');

select tests.record_event(:'a', :'stopped', 'opt_in', '2026-05-01 11:00+00', 'inbound', 'sms');
select is(
  (select suppressed_channels from brain.lead_suppression_status_at('2026-05-01 12:00+00') where lead_id = :'stopped'),
  '{}'::text[], 'a later START re-subscribes');

select tests.create_lead(:'a', '+13055550108', 'all@example.com') as stop_all \gset
select tests.record_event(:'a', :'stop_all', 'opt_out', '2026-05-01 10:00+00', 'inbound', 'sms', '{"scope": "all"}');
select results_eq(
  format('select is_unsubscribed, suppressed_channels from brain.lead_suppression_status_at(%L) where lead_id = %L', '2026-05-01 12:00+00', :'stop_all'),
  $$values (true, '{voice,sms,whatsapp,email}'::text[])$$,
  'an all-channels revocation ("stop all") unsubscribes the lead from every channel');

select tests.create_lead(:'a', null, 'unsub@example.com') as unsub \gset
select tests.record_event(:'a', :'unsub', 'unsubscribe', '2026-05-01 10:00+00', 'inbound', 'email');
select results_eq(
  format('select is_unsubscribed, suppression_reason from brain.lead_suppression_status_at(%L) where lead_id = %L', '2026-05-01 12:00+00', :'unsub'),
  $$values (true, 'unsubscribe:email'::text)$$,
  'an email unsubscribe unsubscribes');

-- TEST: suppressions entries match by phone or email.
select tests.create_lead(:'a', '+13055550102') as by_phone \gset
select tests.create_lead(:'a', null, 'listed@example.com') as by_email \gset
insert into public.suppressions (account_id, phone, reason, created_at) values (:'a', '+13055550102', 'manual', '2026-05-01 09:00+00');
insert into public.suppressions (account_id, email, reason, created_at) values (:'a', 'listed@example.com', 'complaint', '2026-05-01 09:00+00');
select results_eq(
  format('select lead_id, is_unsubscribed, suppression_reason from brain.lead_suppression_status_at(%L) where lead_id in (%L, %L) order by suppression_reason', '2026-05-01 12:00+00', :'by_phone', :'by_email'),
  format($$values (%L::uuid, true, 'suppression:complaint'::text), (%L::uuid, true, 'suppression:manual'::text)$$, :'by_email', :'by_phone'),
  'an all-channel suppression matches the phone or the email');

insert into public.suppressions (account_id, phone, reason) values (:'b', '+13055550100', 'manual');
select is(
  (select is_unsubscribed from brain.lead_suppression_status_at(now()) where lead_id = :'clean'),
  false, 'another account''s suppression of the same phone does not apply');

-- TEST: lifted suppressions stop applying from the lift on.
update public.suppressions set lifted_at = '2026-05-01 11:00+00', lifted_reason = 'opt_in_keyword'
where account_id = :'a' and phone = '+13055550102';
select is(
  (select is_unsubscribed from brain.lead_suppression_status_at('2026-05-01 12:00+00') where lead_id = :'by_phone'),
  false, 'a lifted suppression no longer applies');
select is(
  (select is_unsubscribed from brain.lead_suppression_status_at('2026-05-01 10:30+00') where lead_id = :'by_phone'),
  true, 'it applied while it was active');

-- TEST: channel-specific suppression restricts only that channel.
select tests.create_lead(:'a', '+13055550103', 'bounced@example.com') as bounced \gset
insert into public.suppressions (account_id, channel, email, reason, created_at) values (:'a', 'email', 'bounced@example.com', 'bounce', '2026-05-01 09:00+00');
select results_eq(
  format('select is_unsubscribed, suppression_reason, suppressed_channels from brain.lead_suppression_status_at(%L) where lead_id = %L', '2026-05-01 12:00+00', :'bounced'),
  $$values (false, 'channel_suppression:bounce'::text, '{email}'::text[])$$,
  'a bounce suppresses email only');

-- TEST: STOP's and wrong number's rows (sms, whatsapp, voice) block the phone, not the email.
select tests.create_lead(:'a', '+13055550109', 'keep@example.com') as wrong \gset
insert into public.suppressions (account_id, channel, phone, reason, created_at)
select :'a', c::public.channel, '+13055550109', 'wrong_number', '2026-05-01 09:00+00' from unnest(array['sms', 'whatsapp', 'voice']) c;
select results_eq(
  format('select is_unsubscribed, suppression_reason, suppressed_channels from brain.lead_suppression_status_at(%L) where lead_id = %L', '2026-05-01 12:00+00', :'wrong'),
  $$values (false, 'channel_suppression:wrong_number'::text, '{voice,sms,whatsapp}'::text[])$$,
  'phone channel rows suppress texts and calls; email stays open');

-- TEST: status and lead_state.
select tests.create_lead(:'a', '+13055550104') as st \gset
update public.leads set status = 'suppressed' where id = :'st';
select results_eq(
  format('select is_unsubscribed, suppression_reason from brain.lead_suppression_status_at(now()) where lead_id = %L', :'st'),
  $$values (true, 'status_suppressed'::text)$$, 'leads.status = suppressed unsubscribes');
select tests.create_lead(:'a', '+13055550105', p_lead_state => 'suppressed') as ls \gset
select results_eq(
  format('select is_unsubscribed, suppression_reason from brain.lead_suppression_status_at(now()) where lead_id = %L', :'ls'),
  $$values (true, 'lead_state_suppressed'::text)$$, 'lead_state = suppressed unsubscribes');

-- TEST: stop events.
select tests.create_lead(:'a', '+13055550106') as dnc \gset
select tests.record_event(:'a', :'dnc', 'do_not_contact', '2026-05-01 10:00+00', 'internal');
select is((select stop_event from brain.lead_suppression_status_at('2026-05-01 12:00+00') where lead_id = :'dnc'),
  'do_not_contact', 'do_not_contact is a stop event');
select tests.create_lead(:'a', '+13055550107') as booked \gset
select tests.record_event(:'a', :'booked', 'appointment_booked', '2026-05-01 10:00+00', 'inbound');
select is((select stop_event from brain.lead_suppression_status_at('2026-05-01 12:00+00') where lead_id = :'booked'),
  'appointment_booked', 'a booking is a stop event');
select tests.record_event(:'a', :'booked', 'appointment_canceled', '2026-05-01 11:00+00', 'inbound');
select is((select stop_event from brain.lead_suppression_status_at('2026-05-01 12:00+00') where lead_id = :'booked'),
  null, 'a booking canceled afterwards no longer stops outreach');

-- TEST: the view is the function at now().
select set_eq(
  'select * from public.lead_suppression_status_v1',
  'select * from brain.lead_suppression_status_at(now())',
  'lead_suppression_status_v1 equals the function at now()');
select is((select count(*)::int from public.lead_suppression_status_v1 where account_id = :'a'),
  (select count(*)::int from public.leads where account_id = :'a'), 'one row per lead');

select * from finish();
rollback;
