-- No draft to a bounce-like or no-reply address, to a suppressed address, nor for a
-- reply whose headers made it a bounce or an automatic reply.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'pat@example.com') as l1 \gset
select tests.create_lead(:'a', '+13055550102', 'sam@example.com') as l2 \gset
select tests.create_lead(:'a', '+13055550103', 'kim@example.com') as l3 \gset
select tests.create_lead(:'a', '+13055550104', 'lee@example.com') as l4 \gset
select tests.create_lead(:'a', '+13055550105', 'ray@example.com') as l5 \gset

create temp table r on commit drop as
select k, m from (values
  ('daemon', tests.inbound_message(:'a', :'l1', 'Interested', :'now'::timestamptz - interval '5 minutes', 'email', 'MAILER-DAEMON@mx.example.net', 'x')),
  ('noreply', tests.inbound_message(:'a', :'l2', 'Interested', :'now'::timestamptz - interval '5 minutes', 'email', 'no-reply@example.com', 'x')),
  ('suppressed', tests.inbound_message(:'a', :'l3', 'Interested', :'now'::timestamptz - interval '5 minutes', 'email', 'boss@example.com', 'x')),
  ('header', tests.inbound_message(:'a', :'l4', 'Interested', :'now'::timestamptz - interval '5 minutes', 'email', null, 'x', 'none', 'auto_reply', 'X-Autoreply: yes')),
  ('ok', tests.inbound_message(:'a', :'l5', 'Interested', :'now'::timestamptz - interval '5 minutes', 'email', 'buyer@example.com', 'x'))) v(k, m);
insert into public.suppressions (account_id, channel, email, reason, created_at)
values (:'a', 'email', 'boss@example.com', 'unsubscribe', :'now'::timestamptz - interval '1 day');
select brain.record_reply_sentiment(m, 'Interested', 'llm', 'yes', 0.9, :'now') from r;

-- TEST: not wanted.
select is((select brain.ai_draft_plan(m, :'now') ->> 'reason' from r where k = 'daemon'),
  'the address mailer-daemon@mx.example.net is a bounce or no-reply address', 'mailer-daemon@…: not wanted');
select is((select brain.ai_draft_plan(m, :'now') ->> 'reason' from r where k = 'noreply'),
  'the address no-reply@example.com is a bounce or no-reply address', 'no-reply@…: not wanted');
select is((select brain.ai_draft_plan(m, :'now') ->> 'reason' from r where k = 'suppressed'),
  'the address boss@example.com is suppressed', 'a suppressed colleague''s address: not wanted');
select is((select brain.ai_draft_plan(m, :'now') ->> 'reason' from r where k = 'header'),
  'the reply is an automatic auto reply', 'an automatic reply by its headers: not wanted');

-- TEST: an ordinary colleague's address is wanted.
select is((select brain.ai_draft_plan(m, :'now') ->> 'wanted' from r where k = 'ok'), 'true', 'buyer@…: wanted');

select * from finish();
rollback;
