-- A lead who is suppressed everywhere, on the reply's channel, or marked do not
-- contact gets no draft; a suppression on another channel does not stop it.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'all@example.com') as l_all \gset
select tests.create_lead(:'a', '+13055550102', 'sms@example.com') as l_sms \gset
select tests.create_lead(:'a', '+13055550103', 'email@example.com') as l_email \gset
select tests.create_lead(:'a', '+13055550104', 'dnc@example.com') as l_dnc \gset
select tests.create_lead(:'a', '+13055550105', 'later@example.com') as l_later \gset

insert into public.suppressions (account_id, channel, phone, email, reason, source, lead_id, created_at) values
  (:'a', null, '+13055550101', null, 'operator_stop', 'manual', :'l_all', :'now'::timestamptz - interval '1 day'),
  (:'a', 'sms', '+13055550102', null, 'opt_out', 'manual', :'l_sms', :'now'::timestamptz - interval '1 day'),
  (:'a', 'email', null, 'email@example.com', 'bounce', 'manual', :'l_email', :'now'::timestamptz - interval '1 day'),
  -- made after p_now: not yet in force
  (:'a', null, '+13055550105', null, 'operator_stop', 'manual', :'l_later', :'now'::timestamptz + interval '1 hour');
select tests.record_event(:'a', :'l_dnc', 'do_not_contact', :'now'::timestamptz - interval '1 day');

create temp table r on commit drop as
select k, m
from (values
  ('all', tests.inbound_message(:'a', :'l_all', 'yes', :'now'::timestamptz - interval '5 minutes')),
  ('sms', tests.inbound_message(:'a', :'l_sms', 'yes', :'now'::timestamptz - interval '5 minutes')),
  ('email', tests.inbound_message(:'a', :'l_email', 'yes', :'now'::timestamptz - interval '5 minutes')),
  ('dnc', tests.inbound_message(:'a', :'l_dnc', 'yes', :'now'::timestamptz - interval '5 minutes')),
  ('later', tests.inbound_message(:'a', :'l_later', 'yes', :'now'::timestamptz - interval '5 minutes'))) v(k, m);
select brain.record_reply_sentiment(m, 'Interested', 'llm', 'yes', 0.9, :'now') from r;
alter table r add column plan jsonb;
update r set plan = brain.ai_draft_plan(m, :'now');

-- TEST: suppressed.
select is((select plan ->> 'reason' from r where k = 'all'), 'the lead is suppressed (suppression:operator_stop)', 'suppressed everywhere: no draft');
select is((select plan ->> 'reason' from r where k = 'sms'), 'the lead is suppressed on sms', 'suppressed on the reply''s channel: no draft');
select is((select plan ->> 'reason' from r where k = 'dnc'), 'the lead is marked do not contact', 'do not contact: no draft');

-- TEST: not suppressed where it answers.
select is((select (plan ->> 'wanted')::boolean from r where k = 'email'), true, 'suppressed on email only, replying by sms: wanted');
select is((select (plan ->> 'wanted')::boolean from r where k = 'later'), true, 'a suppression made after p_now does not count yet');
select is((select brain.ai_draft_plan(m, :'now'::timestamptz + interval '2 hours') ->> 'wanted' from r where k = 'later'),
  'false', '… and counts once it exists');

select * from finish();
rollback;
