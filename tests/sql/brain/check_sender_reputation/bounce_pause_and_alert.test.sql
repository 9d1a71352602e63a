-- The reputation guard: over an inbox's last 200 sends, more than 3% hard bounces pauses
-- it (7 of 200; 6 do not), soft bounces never do, one complaint does (0.5% > 0.1%); the
-- pause raises one sender_paused notification (the bell of each owner), its touches wait
-- as sender_paused, and an admin's resume is audited and starts a fresh window.
begin;
select plan(13);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.notification_member(:'a', 'owner') as owner \gset
select tests.notification_member(:'a', 'admin') as admin \gset
select tests.notification_member(:'a', 'setter') as setter \gset

-- 200 sends from each of two inboxes, an hour ago.
create temp table l on commit drop as
select s.sender, n, tests.create_lead(:'a', null, s.tag || n || '@example.com') as lead
from (values ('bad@dealer.example', 'b'), ('cold@dealer.example', 'c')) s(sender, tag), generate_series(1, 200) n;
insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider, status, to_address, from_address, created_at)
select :'a', l.lead, 'email', 'key-' || l.sender || '-' || l.n, 'elastic_email', 'sent', l.n || '@example.com', l.sender,
       :'now'::timestamptz - interval '1 hour'
from l;
create temp table msgs on commit drop as
select l.sender, l.n, m.id from l join public.outbound_messages m on m.lead_id = l.lead;

-- TEST: six hard bounces and ten soft ones: still sending.
select brain.record_sender_event(:'a', id, 'hard_bounce', :'now') from msgs where sender = 'bad@dealer.example' and n <= 6;
select brain.record_sender_event(:'a', id, 'soft_bounce', :'now') from msgs where sender = 'bad@dealer.example' and n between 101 and 110;
select is((select count(*)::int from public.sender_reputation where account_id = :'a' and paused_at is not null), 0,
  '6 hard bounces (3%) and 10 soft ones do not pause');
select is(brain.record_sender_event(:'a', (select id from msgs where sender = 'bad@dealer.example' and n = 1), 'hard_bounce', :'now') ->> 'reason',
  'duplicate', 'the same bounce twice counts once');

-- TEST: the seventh hard bounce pauses, with one alert.
select brain.record_sender_event(:'a', (select id from msgs where sender = 'bad@dealer.example' and n = 7), 'hard_bounce', :'now') as r \gset
select is(:'r'::jsonb ->> 'action', 'paused', 'the 7th hard bounce of 200 (3.5%) pauses the inbox');
select results_eq(
  format($$select paused_reason, (paused_detail ->> 'hard_bounces')::int, (paused_detail ->> 'window')::int
           from public.sender_reputation where account_id = %L and sender = 'bad@dealer.example'$$, :'a'),
  $$values ('bounce_rate'::text, 7, 200)$$, 'paused for its bounce rate, with its figures');
select results_eq(
  format($$select kind, payload ->> 'sender', payload ->> 'reason' from public.notification_events where account_id = %L$$, :'a'),
  $$values ('sender_paused'::text, 'bad@dealer.example'::text, 'bounce_rate'::text)$$, 'one sender_paused notification event');
select set_eq(
  format($$select user_id from public.notification_deliveries where account_id = %L and channel = 'in_app'$$, :'a'),
  format($$values (%L::uuid), (%L), (%L)$$, :'owner', :'admin', :'setter'),
  'in the bell of each member who gets alerts by default');
select brain.record_sender_event(:'a', (select id from msgs where sender = 'bad@dealer.example' and n = 8), 'hard_bounce', :'now') as r2 \gset
select is(:'r2'::jsonb ->> 'action', 'already_paused', 'an eighth bounce changes nothing');
select is((select count(*)::int from public.notification_events where account_id = :'a'), 1, 'and raises no second alert');

-- TEST: a paused inbox sends nothing: its touches wait, sender_paused.
update public.account_provider_settings set config = '{"senders": [{"address": "bad@dealer.example"}]}' where account_id = :'a' and channel = 'email';
select tests.create_touch(:'a', tests.create_lead(:'a', null, 'next@example.com'), null, 1, 'email', 1, :'now') as t \gset
select is(brain.claim_touch(:'t', 'tests', :'now') ->> 'reason', 'sender_paused', 'its touch is rescheduled as sender_paused');

-- TEST: a complaint pauses the other inbox (1 of 200 = 0.5% > 0.1%).
select is(brain.record_sender_event(:'a', (select id from msgs where sender = 'cold@dealer.example' and n = 1), 'complaint', :'now') ->> 'reason',
  'complaint_rate', 'one complaint in 200 pauses for the complaint rate');

-- TEST: an admin resumes (audited); a setter may not.
select tests.act_as('revenue_api', :'a');
select throws_ok(format($$select public.resume_sender(%L, 'email', 'bad@dealer.example')$$, :'setter'), '42501', 'not_an_admin',
  'a setter cannot resume');
select is(public.resume_sender(:'admin', 'email', 'bad@dealer.example'), true, 'an admin resumes it');
reset role;
select results_eq(
  format($$select event_type, actor, payload ->> 'sender' from public.account_events where account_id = %L and event_type = 'sender_resumed'$$, :'a'),
  format($$values ('sender_resumed'::text, %L::text, 'bad@dealer.example'::text)$$, :'admin'),
  'the resume is recorded with who did it');

select * from finish();
rollback;
