-- HELP (or INFO) queues a reply with the business name, a contact and STOP
-- instructions, and does not pause the cadence.
begin;
select plan(7);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.set_all_providers(:'a');
select tests.set_all_providers(:'b');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.give_sms_senders(:'b', '+12135550900');
update public.org_settings set business_name = 'Level 5 Motors', contact_phone = '+13055550199' where account_id = :'a';
update public.org_settings set business_name = 'Sunset Autos', contact_email = 'hello@sunset.example' where account_id = :'b';
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as l \gset
select tests.create_campaign(:'a') as c \gset
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz + interval '1 day');
select tests.create_touch(:'a', :'l', :'c', 2, 'sms', 1, :'now'::timestamptz + interval '1 day') as t_next \gset
insert into public.lead_timers (account_id, lead_id, timer_type, trigger_at) values (:'a', :'l', 'TIMER_7D', :'now'::timestamptz + interval '5 days');

create temp table res on commit drop as
select 'a' as k, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'HELP', :'now') as r
union all
select 'b', public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+12135550101', '+12135550900', 'info', :'now');

-- TEST: the reply.
select results_eq(
  $$select t.payload->'meta'->>'source', (t.payload->'meta'->>'transactional')::boolean, t.step, t.status
    from public.touch_runs t join res on (res.r->>'reply_touch_run_id')::uuid = t.id where res.k = 'a'$$,
  $$values ('help_reply'::text, true, 100, 'queued'::text)$$, 'a transactional help_reply touch is queued');
select matches(
  (select t.payload->'delivery'->>'body' from public.touch_runs t join res on (res.r->>'reply_touch_run_id')::uuid = t.id where res.k = 'a'),
  '^Level 5 Motors: .*\+13055550199.*Reply STOP', 'body: business name, contact phone, STOP instructions');
select matches(
  (select t.payload->'delivery'->>'body' from public.touch_runs t join res on (res.r->>'reply_touch_run_id')::uuid = t.id where res.k = 'b'),
  '^Sunset Autos: .*hello@sunset\.example.*STOP', 'INFO too; without a contact phone the contact email is given');

-- TEST: the cadence goes on.
select is((select status from public.campaign_leads where lead_id = :'l'), 'active', 'the enrollment stays active');
select is((select status from public.touch_runs where id = :'t_next'), 'scheduled', 'the next touch stays scheduled');
select is((select cancelled_at from public.lead_timers where lead_id = :'l'), null, 'the timer runs on');
select is((select count(*)::int from public.suppressions), 0, 'nothing is suppressed');

select * from finish();
rollback;
