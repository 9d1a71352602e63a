-- Events reach members by their preferences: defaults by role when they chose nothing,
-- their own choices otherwise; realtime Slack/email rows wait in the ledger with one job
-- per event; a setter hears only about their own (or unassigned) leads.
begin;
select plan(12);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.notification_member(:'a', 'owner') as owner \gset
select tests.notification_member(:'a', 'admin') as admin \gset
select tests.notification_member(:'a', 'setter') as setter \gset
select tests.notification_member(:'a', 'setter') as other_setter \gset
select tests.notification_member(:'a', 'analyst') as analyst \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
update public.leads set assigned_user_id = :'setter' where id = :'l';

-- TEST: defaults, as SQL: owners, admins and setters in-app realtime and email digest; Slack off; analysts nothing.
select results_eq(format($$select role, channel, delivery, is_default from public.v_notification_preferences_v1
                           where account_id = %L and event_kind = 'booked' and user_id in (%L, %L) order by role, channel$$, :'a', :'owner', :'analyst'),
  $$values ('analyst'::text, 'email'::text, 'off'::text, true), ('analyst', 'in_app', 'off', true), ('analyst', 'slack', 'off', true),
           ('owner', 'email', 'daily_digest', true), ('owner', 'in_app', 'realtime', true), ('owner', 'slack', 'off', true)$$,
  'the role defaults');
select results_eq(format($$select distinct digest_time, time_zone from public.v_notification_preferences_v1 where account_id = %L$$, :'a'),
  $$values (time '09:00', 'America/New_York'::text)$$, 'digest at 09:00 in the account''s zone by default');
update public.org_settings set timezone = 'Europe/Madrid' where account_id = :'a';
select results_eq(format($$select distinct time_zone from public.v_notification_preferences_v1 where account_id = %L$$, :'a'),
  $$values ('Europe/Madrid'::text)$$, 'the account''s zone follows org_settings.timezone');

-- The admin wants booked meetings on Slack in real time, and no bell for them.
select tests.act_as('revenue_api', :'a');
select lives_ok(format($$select public.save_notification_settings(%L, '[{"kind":"booked","channel":"slack","delivery":"realtime"},{"kind":"booked","channel":"in_app","delivery":"off"}]', '08:30', 'America/Los_Angeles', 'U0ADMIN01')$$, :'admin'),
  'a member saves their own settings');
reset role;

select tests.book_appointment(:'a', :'l', :'now'::timestamptz + interval '1 day') as ap \gset
select id as ev from public.notification_events where subject_id = :'ap' \gset

-- TEST: fan-out by preference.
select results_eq(format($$select case user_id when %L then 'owner' when %L then 'admin' when %L then 'setter' else 'other' end, channel, status
                           from public.notification_deliveries where event_id = %L order by 1, 2$$, :'owner', :'admin', :'setter', :'ev'),
  $$values ('admin'::text, 'slack'::text, 'pending'::text), ('owner', 'in_app', 'sent'), ('setter', 'in_app', 'sent')$$,
  'owner and the lead''s setter in the bell; the admin on Slack (pending), not in the bell; the other setter and the analyst nothing');
select is((select count(*)::int from tests.jobs('deliver_notifications') j where j.payload ->> 'event_id' = :'ev'), 1,
  'one deliver_notifications job for the event');
select is((select key from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
           where t.identifier = 'deliver_notifications' and j.payload ->> 'event_id' = :'ev'), 'deliver_notifications:' || :'ev', 'keyed by the event');

-- TEST: an in-app-only event queues no job.
select tests.notification_event(:'a', 'positive_reply', :'l', :'now') as ev2 \gset
select is((select count(*)::int from tests.jobs('deliver_notifications') j where j.payload ->> 'event_id' = :'ev2'), 0, 'no job when nobody wants it on Slack or email now');

-- TEST: the same event twice is one event, one set of deliveries.
select tests.notification_event(:'a', 'positive_reply', :'l', :'now', 'positive_reply:same') as e1 \gset
insert into public.notification_events (account_id, kind, lead_id, occurred_at, dedupe_key)
values (:'a', 'positive_reply', :'l', :'now', 'positive_reply:same') on conflict (account_id, dedupe_key) do nothing;
select is((select count(*)::int from public.notification_events where account_id = :'a' and dedupe_key = 'positive_reply:same'), 1, 'one event');
select is((select count(*)::int from public.notification_deliveries where event_id = :'e1'), 3, 'its deliveries once (owner, admin and the lead''s setter in the bell)');
select throws_ok(format($$insert into public.notification_events (account_id, kind, occurred_at, dedupe_key) values (%L, 'booked', now(), 'positive_reply:same')$$, :'a'),
  '23505', null, 'the dedupe key is unique per account');

-- TEST: another account's identical key is its own event.
select tests.create_account() as b \gset
select lives_ok(format($$insert into public.notification_events (account_id, kind, occurred_at, dedupe_key) values (%L, 'booked', now(), 'positive_reply:same')$$, :'b'),
  'the same key in another account is another event');

select * from finish();
rollback;
