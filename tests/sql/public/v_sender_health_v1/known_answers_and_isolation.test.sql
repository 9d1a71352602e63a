-- v_sender_health_v1 on a fixture with known answers: sends from the daily counts over
-- 1, 7 and 30 UTC days, bounces, complaints and opt-outs by the day they were reported,
-- today's cap and ramp day; configured senders with no sends show zeros. Each account
-- sees its own senders (revenue_api, revenue_analyst).
begin;
select plan(6);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select (now() at time zone 'UTC')::date as today \gset
select tests.set_all_providers(:'a');
update public.account_provider_settings set config = '{"senders": [{"address": "idle@dealer.example"}], "daily_cap": 100}'
where account_id = :'a' and channel = 'email';

-- Inbox x: on its ramp since 5 days ago; sent 10 today, 20 three days ago, 40 twenty days ago, 80 forty days ago.
insert into public.sender_reputation (account_id, channel, sender, ramp_started_on) values (:'a', 'email', 'x@dealer.example', :'today'::date - 5);
insert into public.sender_daily_counts (account_id, channel, sender, day, sent)
values (:'a', 'email', 'x@dealer.example', :'today'::date, 10), (:'a', 'email', 'x@dealer.example', :'today'::date - 3, 20),
       (:'a', 'email', 'x@dealer.example', :'today'::date - 20, 40), (:'a', 'email', 'x@dealer.example', :'today'::date - 40, 80),
       (:'a', 'sms', '+13055550900', :'today'::date, 7),
       (:'b', 'email', 'other@b.example', :'today'::date, 3);
select tests.create_lead(:'a', '+13055550101', 'l@example.com') as lead \gset
insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider, status, from_address)
values (:'a', :'lead', 'email', 'key-health-1', 'sink', 'sent', 'x@dealer.example'),
       (:'a', :'lead', 'email', 'key-health-2', 'sink', 'sent', 'x@dealer.example'),
       (:'a', :'lead', 'email', 'key-health-3', 'sink', 'sent', 'x@dealer.example'),
       (:'a', :'lead', 'sms', 'key-health-4', 'sink', 'sent', '+13055550900');
-- Reported: a hard bounce today, a soft one 3 days ago, a complaint 10 days ago, an opt-out today, and a bounce 31 days ago (outside).
insert into public.sender_reputation_events (account_id, channel, sender, outbound_message_id, kind, message_sent_at, occurred_at)
select :'a', m.channel, m.from_address, m.id, x.kind, now() - interval '40 days', now() - x.ago
from (values ('key-health-1', 'hard_bounce', interval '0'), ('key-health-2', 'soft_bounce', interval '3 days'),
             ('key-health-3', 'complaint', interval '10 days'), ('key-health-4', 'opt_out', interval '0'),
             ('key-health-2', 'hard_bounce', interval '31 days')) x(key, kind, ago)
join public.outbound_messages m on m.account_id = :'a' and m.send_key = x.key;

-- TEST: the figures.
select results_eq(
  format($$select channel, sender, sends_1d, sends_7d, sends_30d, bounces_1d, bounces_7d, bounces_30d, hard_bounces_30d,
                  complaints_7d, complaints_30d, opt_outs_1d, target, cap_today, ramp_day, paused
           from public.v_sender_health_v1 where account_id = %L order by channel, sender$$, :'a'),
  $$values ('email'::text, 'idle@dealer.example'::text, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100, 20, 0, false),
           ('email', 'x@dealer.example', 10, 30, 70, 1, 2, 2, 1, 0, 1, 0, 100, 33, 5, false),
           ('sms', '+13055550900', 7, 7, 7, 0, 0, 0, 0, 0, 0, 1, 250, 250, null, false)$$,
  'sends over 1/7/30 days, events by the day reported, today''s cap (ramp day 5: 33) and the target');

-- TEST: tenancy.
select tests.act_as('revenue_api', :'b');
select results_eq($$select sender from public.v_sender_health_v1$$, $$values ('other@b.example'::text)$$, 'revenue_api of b: b''s sender only');
reset role;
select tests.act_as('revenue_analyst', :'a');
select is((select count(*)::int from public.v_sender_health_v1), 3, 'revenue_analyst of a: a''s three senders');
select is((select count(*)::int from public.v_sender_health_v1 where account_id <> :'a'), 0, '... and none of b''s');
reset role;
select tests.act_as('revenue_api', null);
select is_empty($$select * from public.v_sender_health_v1$$, 'revenue_api without app.account_id: nothing');
reset role;

-- TEST: the settings page shows the ramp ahead.
select tests.act_as('revenue_api', :'a');
select is((select array_agg((d ->> 'cap')::int) from json_array_elements(public.settings_page() -> 'senders' -> 1 -> 'schedule') d),
  array[33, 36, 39, 43, 48, 52, 58], 'the settings page: x''s next 7 days on its ramp');
reset role;

select * from finish();
rollback;
