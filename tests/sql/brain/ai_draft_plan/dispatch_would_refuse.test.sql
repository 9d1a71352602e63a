-- No draft that the dispatch path would refuse to send (brain.claim_touch_rows): a lead
-- whose outreach stopped (a booked appointment), a closed or archived lead, or one in its
-- negative-reply cooldown. An ordinary lead beside them still gets one.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l_booked \gset
select tests.create_lead(:'a', '+13055550102') as l_closed \gset
select tests.create_lead(:'a', '+13055550103') as l_archived \gset
select tests.create_lead(:'a', '+13055550104') as l_cool \gset
select tests.create_lead(:'a', '+13055550105') as l_ok \gset
select tests.record_event(:'a', :'l_booked', 'appointment_booked', :'now'::timestamptz - interval '1 day');
update public.leads set lead_state = 'closed' where id = :'l_closed';
update public.leads set status = 'archived' where id = :'l_archived';
select tests.record_event(:'a', :'l_cool', 'reply_negative', :'now'::timestamptz - interval '2 days', 'inbound', 'sms');

create temp table r on commit drop as
select k, m
from (values
  ('booked', tests.inbound_message(:'a', :'l_booked', 'yes', :'now'::timestamptz - interval '5 minutes')),
  ('closed', tests.inbound_message(:'a', :'l_closed', 'yes', :'now'::timestamptz - interval '5 minutes')),
  ('archived', tests.inbound_message(:'a', :'l_archived', 'yes', :'now'::timestamptz - interval '5 minutes')),
  ('cool', tests.inbound_message(:'a', :'l_cool', 'yes', :'now'::timestamptz - interval '5 minutes')),
  ('ok', tests.inbound_message(:'a', :'l_ok', 'yes', :'now'::timestamptz - interval '5 minutes'))) v(k, m);
select brain.record_reply_sentiment(m, 'Interested', 'llm', 'yes', 0.9, :'now') from r;

-- TEST: each answer.
select is((select brain.ai_draft_plan(m, :'now') ->> 'reason' from r where k = 'booked'),
  'outreach to the lead has stopped (appointment_booked)', 'booked: no draft');
select is((select brain.ai_draft_plan(m, :'now') ->> 'reason' from r where k = 'closed'), 'the lead is closed', 'closed: no draft');
select is((select brain.ai_draft_plan(m, :'now') ->> 'reason' from r where k = 'archived'), 'the lead is archived', 'archived: no draft');
select matches((select brain.ai_draft_plan(m, :'now') ->> 'reason' from r where k = 'cool'),
  '^the lead is in its negative-reply cooldown until \d{4}-\d\d-\d\d \d\d:\d\d UTC$', 'negative cooldown: no draft, until when');
select is((select (brain.ai_draft_plan(m, :'now') ->> 'wanted')::boolean from r where k = 'ok'), true, 'an ordinary lead: a draft');

select * from finish();
rollback;
