-- Rules 1 and 2: stop_all beats everything, cooldown beats send.
begin;
select plan(12);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a', 'c1', true) as c \gset
insert into public.campaign_steps (account_id, campaign_id, step, channel, body) values (:'a', :'c', 1, 'sms', 'Hi');

create temp table cases (label text, lead_id uuid) on commit drop;
grant all on cases to public;
insert into cases values
  ('stopped', tests.create_lead(:'a', '+13055550100')),
  ('closed', tests.create_lead(:'a', '+13055550101', p_lead_state => 'closed')),
  ('suppressed', tests.create_lead(:'a', '+13055550102', p_lead_state => 'suppressed')),
  ('dnc', tests.create_lead(:'a', '+13055550103')),
  ('booked', tests.create_lead(:'a', '+13055550104')),
  ('dead', tests.create_lead(:'a', '+13055550105', p_lead_state => 'dead')),
  ('negative', tests.create_lead(:'a', '+13055550106'));
insert into public.campaign_leads (account_id, campaign_id, lead_id, next_step_at)
select :'a', :'c', lead_id, '2026-06-10 15:00+00' from cases;

select tests.record_event(:'a', (select lead_id from cases where label = 'stopped'), 'opt_out', '2026-06-09 12:00+00', 'inbound', 'sms');
select tests.record_event(:'a', (select lead_id from cases where label = 'dnc'), 'do_not_contact', '2026-06-09 12:00+00', 'internal');
select tests.record_event(:'a', (select lead_id from cases where label = 'booked'), 'appointment_booked', '2026-06-09 12:00+00', 'inbound');
select tests.record_event(:'a', (select lead_id from cases where label = 'dead'), 'touch_sent', '2026-06-01 12:00+00', 'outbound', 'sms');
select tests.record_event(:'a', (select lead_id from cases where label = 'negative'), 'reply_negative', '2026-06-05 12:00+00', 'inbound', 'sms');

-- TEST: stop_all, with the rule that decided, even though every lead has a due step.
select set_eq(
  $$select c.label, v.next_action, v.reason, v.next_action_at, v.effective_channel
    from cases c join brain.lead_next_action_at('2026-06-10 16:00+00') v on v.lead_id = c.lead_id
    where c.label <> 'negative'$$,
  $$values
    ('stopped', 'stop_all', 'unsubscribed:opt_out:sms', null::timestamptz, null::text),
    ('closed', 'stop_all', 'lead_state:closed', null, null),
    ('suppressed', 'stop_all', 'unsubscribed:lead_state_suppressed', null, null),
    ('dnc', 'stop_all', 'stop_event:do_not_contact', null, null),
    ('booked', 'stop_all', 'stop_event:appointment_booked', null, null),
    ('dead', 'stop_all', 'lead_state:dead', null, null)$$,
  'unsubscribed, suppressed, closed, dead, do_not_contact and appointment_booked all stop');

-- TEST: cooldown until its end, then the send resumes.
select results_eq(
  format($$select next_action, next_action_at, reason from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$,
         (select lead_id from cases where label = 'negative')),
  $$values ('cooldown'::text, timestamptz '2026-07-05 12:00+00', 'negative_cooldown'::text)$$,
  'a negative reply puts the lead in cooldown until 30 days later');
select is(
  (select next_action from brain.lead_next_action_at('2026-07-05 11:59:59+00') v join cases c on c.lead_id = v.lead_id where c.label = 'negative'),
  'cooldown', 'one second before the end it is still cooldown');
select is(
  (select next_action from brain.lead_next_action_at('2026-07-05 12:00:00+00') v join cases c on c.lead_id = v.lead_id where c.label = 'negative'),
  'send', 'at exactly the end the pending step is sent');

-- TEST: STOP stops even a lead in cooldown; START brings it back.
select tests.record_event(:'a', (select lead_id from cases where label = 'negative'), 'opt_out', '2026-06-06 12:00+00', 'inbound', 'sms');
select is(
  (select next_action from brain.lead_next_action_at('2026-06-10 16:00+00') v join cases c on c.lead_id = v.lead_id where c.label = 'negative'),
  'stop_all', 'stop_all comes before cooldown');
select tests.record_event(:'a', (select lead_id from cases where label = 'stopped'), 'opt_in', '2026-06-09 13:00+00', 'inbound', 'sms');
select is(
  (select next_action from brain.lead_next_action_at('2026-06-10 16:00+00') v join cases c on c.lead_id = v.lead_id where c.label = 'stopped'),
  'send', 'START after STOP lets the campaign continue');

-- TEST: a canceled booking no longer stops; do_not_contact is forever.
select tests.record_event(:'a', (select lead_id from cases where label = 'booked'), 'appointment_canceled', '2026-06-09 13:00+00', 'inbound');
select is(
  (select next_action from brain.lead_next_action_at('2026-06-10 16:00+00') v join cases c on c.lead_id = v.lead_id where c.label = 'booked'),
  'send', 'after the booking is canceled the cadence may continue');
select is(
  (select next_action from brain.lead_next_action_at('2027-06-10 16:00+00') v join cases c on c.lead_id = v.lead_id where c.label = 'dnc'),
  'stop_all', 'do_not_contact still stops a year later');

-- TEST: the suppression of the lead's phone stops it too.
insert into public.suppressions (account_id, phone, reason, created_at) values (:'a', '+13055550104', 'manual', '2026-06-10 10:00+00');
select results_eq(
  format($$select next_action, reason from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$,
         (select lead_id from cases where label = 'booked')),
  $$values ('stop_all'::text, 'unsubscribed:suppression:manual'::text)$$,
  'a suppressions entry for the phone stops all');

-- TEST: stop_all as seen now: the view without p_now.
select is(
  (select next_action from public.lead_next_action_view_v5 v join cases c on c.lead_id = v.lead_id where c.label = 'closed'),
  'stop_all', 'the view says the same at now()');
select is(
  (select recommended_action from public.lead_next_action_view_v5 v join cases c on c.lead_id = v.lead_id where c.label = 'closed'),
  'stop_all', 'recommended_action is an alias of next_action');
select is(
  (select count(*)::int from public.lead_next_action_view_v5 where account_id = :'a'),
  7, 'one row per lead');

select * from finish();
rollback;
