-- Negative cooldown (default 30 days) and reactivation eligibility (default 45 days),
-- both configurable per account, with exact boundaries.
begin;
select plan(11);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset

-- TEST: a negative reply starts a 30-day cooldown that ends at exactly its end.
select tests.record_event(:'a', :'lead', 'reply_negative', '2026-04-01 10:00+00', 'inbound', 'sms');
select results_eq(
  format('select in_negative_cooldown, negative_cooldown_until from brain.lead_suppression_status_at(%L) where lead_id = %L', '2026-05-01 09:59:59+00', :'lead'),
  $$values (true, timestamptz '2026-05-01 10:00:00+00')$$,
  'one second before the end it is in cooldown until 30 days after the reply');
select is(
  (select in_negative_cooldown from brain.lead_suppression_status_at('2026-05-01 10:00:00+00') where lead_id = :'lead'),
  false, 'at exactly the end the cooldown is over');
select is(
  (select in_negative_cooldown from brain.lead_suppression_status_at('2026-04-01 09:59:59+00') where lead_id = :'lead'),
  false, 'before the reply there is no cooldown');
update public.org_settings set negative_cooldown_days = 10 where account_id = :'a';
select is(
  (select negative_cooldown_until from brain.lead_suppression_status_at('2026-04-05 00:00+00') where lead_id = :'lead'),
  timestamptz '2026-04-11 10:00:00+00', 'the account''s setting (10 days) is used');
select tests.record_event(:'a', :'lead', 'reply_negative', '2026-04-20 10:00+00', 'inbound', 'sms');
select is(
  (select negative_cooldown_until from brain.lead_suppression_status_at('2026-04-21 00:00+00') where lead_id = :'lead'),
  timestamptz '2026-04-30 10:00:00+00', 'a later negative reply restarts the cooldown');

-- TEST: reactivation is due 45 days after the last touch without a reply.
select tests.create_lead(:'a', '+13055550101') as quiet \gset
select tests.record_event(:'a', :'quiet', 'touch_sent', '2026-01-01 15:00+00', 'outbound', 'sms');
select tests.record_event(:'a', :'quiet', 'touch_sent', '2026-01-10 15:00+00', 'outbound', 'voice');
select results_eq(
  format('select last_touch_at, reactivation_eligible_at from brain.lead_suppression_status_at(%L) where lead_id = %L', '2026-03-01 00:00+00', :'quiet'),
  $$values (timestamptz '2026-01-10 15:00+00', timestamptz '2026-02-24 15:00+00')$$,
  'eligible 45 days after the last touch');
select is(
  (select reactivation_eligible_at from brain.lead_suppression_status_at('2026-01-05 00:00+00') where lead_id = :'quiet'),
  timestamptz '2026-02-15 15:00+00', 'as of an earlier moment only the touches before it count');

select tests.create_lead(:'a', '+13055550102') as replied \gset
select tests.record_event(:'a', :'replied', 'touch_sent', '2026-01-01 15:00+00', 'outbound', 'sms');
select tests.record_event(:'a', :'replied', 'inbound_message', '2026-01-02 15:00+00', 'inbound', 'sms');
select results_eq(
  format('select last_inbound_at, reactivation_eligible_at from brain.lead_suppression_status_at(%L) where lead_id = %L', '2026-03-01 00:00+00', :'replied'),
  $$values (timestamptz '2026-01-02 15:00+00', null::timestamptz)$$,
  'a lead that replied after the last touch is not up for reactivation');
select tests.record_event(:'a', :'replied', 'touch_sent', '2026-01-05 15:00+00', 'outbound', 'sms');
select is(
  (select reactivation_eligible_at from brain.lead_suppression_status_at('2026-03-01 00:00+00') where lead_id = :'replied'),
  timestamptz '2026-02-19 15:00+00', 'a touch after the reply without a new answer makes it eligible again');

update public.org_settings set reactivation_after_days = 60 where account_id = :'a';
select is(
  (select reactivation_eligible_at from brain.lead_suppression_status_at('2026-03-01 00:00+00') where lead_id = :'quiet'),
  timestamptz '2026-03-11 15:00+00', 'the account''s setting (60 days) is used');

select tests.create_lead(:'a', '+13055550103') as untouched \gset
select is(
  (select reactivation_eligible_at from brain.lead_suppression_status_at(now()) where lead_id = :'untouched'),
  null::timestamptz, 'a lead never touched is not up for reactivation');

select * from finish();
rollback;
