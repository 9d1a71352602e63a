-- Every hold, first match written: AUTO_SEND_DISABLED=1, the account's switch off, no
-- campaign, a setter_managed campaign, a reply that reads as an opt-out, placeholders
-- the lead cannot fill, no confidence. Each leaves the draft pending with no touch.
begin;
select plan(10);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_account() as off \gset
update public.org_settings set ai_auto_send_enabled = false where account_id = :'off';
select tests.create_campaign(:'a') as c \gset
select tests.create_campaign(:'off') as c_off \gset
select tests.create_campaign(:'a') as setter \gset
update public.campaigns set response_mode = 'ai_auto_send' where id in (:'c', :'c_off');

-- One lead per case; all but "no campaign" enrolled; each with a classified reply.
create temp table cases (k text, acct uuid, campaign uuid, reply text, body text, confidence real, disabled boolean, lead uuid, m uuid, r jsonb) on commit drop;
insert into cases (k, acct, campaign, reply, body, confidence, disabled) values
  ('disabled', :'a', :'c', 'yes', 'See you Saturday', 0.99, true),
  ('switch_off', :'off', :'c_off', 'yes', 'See you Saturday', 0.99, false),
  ('no_campaign', :'a', null, 'yes', 'See you Saturday', 0.99, false),
  ('setter', :'a', :'setter', 'yes', 'See you Saturday', 0.99, false),
  ('opt_out', :'a', :'c', 'Yes but please stop texting me', 'See you Saturday', 0.99, false),
  ('placeholder', :'a', :'c', 'yes', 'See you Saturday, {{first_name}}!', 0.99, false),
  ('no_confidence', :'a', :'c', 'yes', 'See you Saturday', null, false);
update cases set lead = tests.create_lead(acct, null, k || '@example.com');
select tests.enroll(acct, campaign, lead, :'now'::timestamptz + interval '30 days') from cases where campaign is not null;
update cases set m = tests.inbound_message(acct, lead, reply, :'now'::timestamptz - interval '5 minutes', 'email', null, 'Your visit');
select brain.record_reply_sentiment(m, 'Interested', 'llm', 'yes', 0.9, :'now') from cases;
update cases set r = brain.record_ai_draft(m, body, null, confidence, 'ok', 'gpt-test', disabled, :'now');

-- TEST: the reasons.
select is((select r ->> 'reason' from cases where k = 'disabled'), 'AUTO_SEND_DISABLED=1', 'p_auto_send_disabled: AUTO_SEND_DISABLED=1');
select is((select r ->> 'reason' from cases where k = 'switch_off'), 'auto-send is off for this account', 'the account''s switch off');
select is((select r ->> 'reason' from cases where k = 'no_campaign'), 'no campaign: a person answers', 'no campaign');
select is((select r ->> 'reason' from cases where k = 'setter'), 'setter_managed campaign', 'a setter_managed campaign (the default)');
select is((select r ->> 'reason' from cases where k = 'opt_out'), 'the reply reads as opt_out (en_phrase:stop texting)',
  'a reply the consent classifier reads as an opt-out');
select is((select r ->> 'reason' from cases where k = 'placeholder'), 'the draft has placeholders the lead cannot fill: missing_lead_data:first_name',
  'a placeholder the lead cannot fill');
select is((select r ->> 'reason' from cases where k = 'no_confidence'), 'no confidence score', 'no confidence');

-- TEST: all held: pending, no touch.
select is((select count(*)::int from cases where r ->> 'created' = 'true' and r ->> 'action' = 'needs_review'), 7, 'seven drafts, all needs_review');
select is((select count(*)::int from public.ai_drafts d join cases c on c.lead = d.lead_id where d.status = 'pending' and d.touch_run_id is null), 7,
  'all pending, none with a touch');
select is((select count(*)::int from public.touch_runs t join cases c on c.lead = t.lead_id), 0, 'no touch at all');

select * from finish();
rollback;
