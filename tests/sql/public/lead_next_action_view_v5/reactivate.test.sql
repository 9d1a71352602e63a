-- Rule 4, reactivate: not enrolled in an active campaign, touched before, no reply
-- since the last touch, and p_now >= reactivation_eligible_at (45 days by default).
begin;
select plan(11);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');

select tests.create_lead(:'a', '+13055550100') as quiet \gset
select tests.record_event(:'a', :'quiet', 'touch_sent', '2026-04-26 16:00+00', 'outbound', 'sms');
-- eligible at 2026-06-10 16:00Z, which is 12:00 in New York

select results_eq(
  format($$select next_action, next_action_at, recommended_channel, effective_channel, reason from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'quiet'),
  $$values ('reactivate'::text, timestamptz '2026-06-10 16:00+00', 'voice'::text, 'voice'::text, 'reactivation_due'::text)$$,
  'at exactly 45 days after the last touch the lead is reactivated by voice');
select results_eq(
  format($$select next_action, reason from brain.lead_next_action_at('2026-06-10 15:59:59+00') where lead_id = %L$$, :'quiet'),
  $$values ('do_nothing'::text, 'reactivation_not_due'::text)$$,
  'one second earlier it is not due');
select results_eq(
  format($$select next_action, next_action_at from brain.lead_next_action_at('2026-06-11 02:00+00') where lead_id = %L$$, :'quiet'),
  $$values ('reactivate'::text, timestamptz '2026-06-11 12:00+00')$$,
  'due at night: it waits for the send window');

-- TEST: readiness and reachability pick the channel.
delete from public.account_provider_settings where account_id = :'a' and channel = 'voice';
select results_eq(
  format($$select recommended_channel, effective_channel from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'quiet'),
  $$values ('voice'::text, 'whatsapp'::text)$$,
  'voice not configured: WhatsApp');
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', null, 'mail@example.com') as email_only \gset
select tests.record_event(:'a', :'email_only', 'touch_sent', '2026-04-01 16:00+00', 'outbound', 'email');
select results_eq(
  format($$select next_action, effective_channel from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'email_only'),
  $$values ('reactivate'::text, 'email'::text)$$,
  'a lead with only an email is reactivated by email');

-- TEST: who is not reactivated.
select tests.create_lead(:'a', '+13055550101') as replied \gset
select tests.record_event(:'a', :'replied', 'touch_sent', '2026-04-01 16:00+00', 'outbound', 'sms');
select tests.record_event(:'a', :'replied', 'inbound_message', '2026-04-02 16:00+00', 'inbound', 'sms');
select results_eq(
  format($$select next_action, reason from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'replied'),
  $$values ('do_nothing'::text, 'replied_since_last_touch'::text)$$,
  'a lead that replied after the last touch is left alone');
select tests.create_lead(:'a', '+13055550102') as untouched \gset
select results_eq(
  format($$select next_action, reason from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'untouched'),
  $$values ('do_nothing'::text, 'never_touched'::text)$$,
  'a lead never touched is not reactivated');
select tests.create_campaign(:'a', 'c_live', true) as c \gset
insert into public.campaign_steps (account_id, campaign_id, step, channel, body) values (:'a', :'c', 1, 'sms', 'Hi');
insert into public.campaign_leads (account_id, campaign_id, lead_id, current_step) values (:'a', :'c', :'quiet', 2);
select results_eq(
  format($$select next_action, reason from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'quiet'),
  $$values ('do_nothing'::text, 'no_pending_step'::text)$$,
  'a lead still enrolled in an active campaign is not reactivated');
update public.campaigns set is_active = false where id = :'c';
select is(
  (select next_action from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = :'quiet'),
  'reactivate', 'once that campaign is off, it is');

-- TEST: dead leads come back through reactivation, and only when due.
select tests.create_lead(:'a', '+13055550103', p_lead_state => 'dead') as dead \gset
select tests.record_event(:'a', :'dead', 'touch_sent', '2026-04-26 16:00+00', 'outbound', 'sms');
select is(
  (select next_action from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = :'dead'),
  'reactivate', 'a dead lead is reactivated when due');
select results_eq(
  format($$select next_action, reason from brain.lead_next_action_at('2026-06-01 16:00+00') where lead_id = %L$$, :'dead'),
  $$values ('stop_all'::text, 'lead_state:dead'::text)$$,
  'before that, a dead lead is stop_all');

select * from finish();
rollback;
